using System.Text.RegularExpressions;

namespace LoadLab.Cli.Infrastructure;

/// <summary>
/// Says a parse error in the user's words: System.CommandLine names the .NET type it could not convert to
/// ("as expected type 'System.Nullable`1[System.Int64]'"); a user typed a flag and a value, so the message names
/// those and what the value must be.
/// </summary>
public static partial class ParseErrorText
{
    public static string Describe(string message)
    {
        var m = CannotParse().Match(message);
        if (!m.Success) return message;
        var (value, option, type) = (m.Groups["value"].Value, m.Groups["option"].Value, m.Groups["type"].Value);
        var expected = type switch
        {
            _ when type.Contains("Int32") || type.Contains("Int64") => "a whole number",
            _ when type.Contains("Double") || type.Contains("Single") || type.Contains("Decimal") => "a number",
            _ when type.Contains("Boolean") => "true or false",
            _ => "a valid value",
        };
        return $"{option}: '{value}' is not {expected}";
    }

    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*)' for (option|command) '(?<option>[^']*)' as expected type '?(?<type>[^']+)'?\.?$", RegexOptions.Singleline)]
    private static partial Regex CannotParse();
}
