using System.Globalization;
using LoadLab.Core.Errors;

namespace LoadLab.Cli.Infrastructure;

/// <summary>Dates and times on the command line: invariant culture, UTC unless the text gives an offset.</summary>
public static class TimeArgument
{
    /// <summary>Parses <paramref name="text"/> or throws bad input naming <paramref name="option"/> and an example.</summary>
    public static DateTimeOffset Parse(string text, string option, string example) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? t
            : throw new UserInputException(option, option, $"'{text}' is not a UTC date and time (e.g. {example})");
}
