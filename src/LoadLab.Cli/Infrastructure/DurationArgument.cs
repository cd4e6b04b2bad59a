using LoadLab.Core.Errors;
using LoadLab.Core.Scenarios;

namespace LoadLab.Cli.Infrastructure;

/// <summary>Durations on the command line use the scenario grammar (500ms, 30s, 5m, 2h, 1h30m).</summary>
public static class DurationArgument
{
    public static TimeSpan Parse(string text, string option) =>
        DurationText.TryParse(text, out var value, out var error)
            ? value
            : throw new UserInputException(option, option, error);
}
