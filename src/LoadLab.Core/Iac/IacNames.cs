using System.Text;
using LoadLab.Core.RunFiles;

namespace LoadLab.Core.Iac;

/// <summary>Names and quoting shared by the emitters.</summary>
public static class IacNames
{
    /// <summary>"loadlab-step-out" -> "loadlab_step_out" (safe in shell variables and Terraform names).</summary>
    public static string Identifier(string name)
    {
        var id = new string(name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
        return id.Length > 0 && char.IsAsciiDigit(id[0]) ? "_" + id : id;
    }

    /// <summary>"loadlab-step-out" -> "LoadlabStepOut" (CloudFormation logical ids are alphanumeric).</summary>
    public static string Pascal(string name)
    {
        var sb = new StringBuilder();
        var up = true;
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c)) { up = true; continue; }
            sb.Append(up ? char.ToUpperInvariant(c) : c);
            up = false;
        }
        return sb.ToString();
    }

    /// <summary>The policy name behind a "policy-arn:NAME" alarm action, or null for a real action.</summary>
    public static string? PlaceholderPolicy(string action) =>
        action.StartsWith(RecommendationFile.PolicyArnPlaceholderPrefix, StringComparison.Ordinal)
            ? action[RecommendationFile.PolicyArnPlaceholderPrefix.Length..] : null;

    /// <summary>POSIX single quoting: nothing inside expands; a single quote becomes '"'"'.</summary>
    public static string ShellQuote(string s) => "'" + s.Replace("'", "'\"'\"'", StringComparison.Ordinal) + "'";
}
