using System.Text.RegularExpressions;

namespace LoadLab.Cli.Infrastructure;

/// <summary>
/// Defaults are written one way in every --help: "(default: X)". Descriptions say so themselves; the defaults that
/// System.CommandLine appends from an option's default value ("[default: X]") are rewritten to the same form here.
/// </summary>
public static partial class HelpDefaults
{
    public static string Normalize(string help) => Bracketed().Replace(help, m => $"(default:{m.Groups[1].Value})");

    /// <summary>"[default: X]", which the help may have wrapped onto the next line.</summary>
    [GeneratedRegex(@"\[default:(\s+[^\]]*)\]")]
    private static partial Regex Bracketed();
}
