using LoadLab.Apply.Model;
using LoadLab.Core.RunFiles;

namespace LoadLab.Apply.Emit;

/// <summary>Infrastructure-as-code flavours `loadlab apply --emit` writes.</summary>
public enum IacKind { Cli, CloudFormation, Terraform }

/// <summary>
/// The same change `loadlab apply` makes, as code for teams that manage infrastructure that way. Pure text from a
/// <see cref="DesiredConfig"/> (use <see cref="DesiredConfig.FromRecommendation"/>); nothing here calls AWS.
/// Step policies' "policy-arn:NAME" alarm actions become a shell variable, a CloudFormation Ref or a Terraform
/// reference to the policy's ARN.
/// </summary>
public static class IacEmitter
{
    public static string Emit(IacKind kind, DesiredConfig config) => kind switch
    {
        IacKind.Cli => AwsCliEmitter.Emit(config),
        IacKind.CloudFormation => CloudFormationEmitter.Emit(config),
        IacKind.Terraform => TerraformEmitter.Emit(config),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string Emit(IacKind kind, RecommendationFile recommendation) => Emit(kind, DesiredConfig.FromRecommendation(recommendation));

    /// <summary>File name for the emitted code.</summary>
    public static string FileName(IacKind kind) => kind switch
    {
        IacKind.Cli => "apply-scaling.sh",
        IacKind.CloudFormation => "scaling.cfn.json",
        IacKind.Terraform => "scaling.tf",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Parses "cli", "cloudformation" (or "cfn"), "terraform" (or "tf").</summary>
    public static bool TryParseKind(string? text, out IacKind kind)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "cli" or "aws-cli" or "awscli": kind = IacKind.Cli; return true;
            case "cloudformation" or "cfn": kind = IacKind.CloudFormation; return true;
            case "terraform" or "tf": kind = IacKind.Terraform; return true;
            default: kind = default; return false;
        }
    }

    /// <summary>"loadlab-step-out" -> "loadlab_step_out" (safe in shell variables and Terraform names).</summary>
    internal static string Identifier(string name)
    {
        var chars = name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray();
        var id = new string(chars);
        return id.Length > 0 && char.IsAsciiDigit(id[0]) ? "_" + id : id;
    }

    /// <summary>"loadlab-step-out" -> "LoadlabStepOut" (CloudFormation logical ids are alphanumeric).</summary>
    internal static string Pascal(string name) =>
        string.Concat(name.Split(c => !char.IsAsciiLetterOrDigit(c)).Where(p => p.Length > 0).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));

    internal static string? PlaceholderPolicy(string action) =>
        action.StartsWith(RecommendationFile.PolicyArnPlaceholderPrefix, StringComparison.Ordinal)
            ? action[RecommendationFile.PolicyArnPlaceholderPrefix.Length..] : null;
}

internal static class StringSplitExtensions
{
    public static string[] Split(this string s, Func<char, bool> isSeparator)
    {
        var parts = new List<string>();
        var start = 0;
        for (var i = 0; i <= s.Length; i++)
            if (i == s.Length || isSeparator(s[i]))
            {
                parts.Add(s[start..i]);
                start = i + 1;
            }
        return parts.ToArray();
    }
}
