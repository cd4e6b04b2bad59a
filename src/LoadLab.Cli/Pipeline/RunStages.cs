using LoadLab.Core.Errors;

namespace LoadLab.Cli.Pipeline;

/// <summary>The stages of a run, in the order they run. <c>load</c> sends the requests and checks the thresholds.</summary>
[Flags]
public enum RunStages
{
    None = 0,
    Load = 1,
    Collect = 2,
    Analyze = 4,
    Simulate = 8,
    Report = 16,
    /// <summary>What follows the load.</summary>
    AfterLoad = Collect | Analyze | Simulate | Report,
    All = Load | AfterLoad,
}

public static class RunStagesParser
{
    /// <summary>The stage names as the user types them, in pipeline order.</summary>
    public static IReadOnlyList<(string Name, RunStages Stage)> Names { get; } =
    [
        ("load", RunStages.Load), ("collect", RunStages.Collect), ("analyze", RunStages.Analyze),
        ("simulate", RunStages.Simulate), ("report", RunStages.Report),
    ];

    /// <summary>
    /// "load,collect,analyze" (or "all"); null or empty means all. The load is always among them: the later stages
    /// alone are the stage commands (<c>loadlab analyze &lt;run-dir&gt;</c> ...).
    /// </summary>
    public static RunStages Parse(string? text, string flag = "--stages")
    {
        if (string.IsNullOrWhiteSpace(text)) return RunStages.All;
        var result = RunStages.None;
        foreach (var raw in text.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            var name = raw.Trim().ToLowerInvariant();
            if (name == "all") { result |= RunStages.All; continue; }
            var match = Names.FirstOrDefault(n => n.Name == name);
            if (match.Name is null)
                throw new UserInputException(flag, flag,
                    $"unknown stage '{raw.Trim()}' (expected a comma-separated list of {string.Join(", ", Names.Select(n => n.Name))}, or all)");
            result |= match.Stage;
        }
        if (!result.HasFlag(RunStages.Load))
            throw new UserInputException(flag, flag,
                $"'{text}' leaves out load: run always drives the load first; to run a later stage alone on a run directory, use its command (loadlab analyze <run-dir> ...)");
        return result;
    }

    /// <summary>"load, collect, analyze": the chosen stages in pipeline order.</summary>
    public static string Describe(RunStages stages) =>
        string.Join(", ", Names.Where(n => stages.HasFlag(n.Stage)).Select(n => n.Name));
}
