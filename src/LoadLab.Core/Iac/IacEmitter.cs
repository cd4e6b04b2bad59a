namespace LoadLab.Core.Iac;

/// <summary>Infrastructure-as-code flavours LoadLab writes.</summary>
public enum IacKind { Cli, CloudFormation, Terraform }

/// <summary>
/// A scaling change as code, for teams that manage infrastructure that way: `loadlab apply --emit` and the report's
/// "How to apply" both write it from here. Pure text from <see cref="IacRequests"/>; nothing here calls AWS.
/// </summary>
public static class IacEmitter
{
    public static string Emit(IacKind kind, IacRequests requests, IacOptions? options = null)
    {
        var o = options ?? IacOptions.Default;
        return kind switch
        {
            IacKind.Cli => AwsCliEmitter.Emit(requests, o),
            IacKind.CloudFormation => CloudFormationEmitter.Emit(requests, o),
            IacKind.Terraform => TerraformEmitter.Emit(requests, o),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    /// <summary>File name for the emitted code.</summary>
    public static string FileName(IacKind kind, CloudFormationSyntax cfn = CloudFormationSyntax.Json) => kind switch
    {
        IacKind.Cli => "apply-scaling.sh",
        IacKind.CloudFormation => cfn == CloudFormationSyntax.Yaml ? "scaling.cfn.yaml" : "scaling.cfn.json",
        IacKind.Terraform => "scaling.tf",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Parses "cli" (or "aws-cli", "awscli"), "cloudformation" (or "cfn"), "terraform" (or "tf").</summary>
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
}
