using System.Text.Json;
using LoadLab.Core.Errors;
using LoadLab.Core.Json;
using LoadLab.Core.RunFiles;
using LoadLab.Core.RunFiles.Csv;

namespace LoadLab.Analysis.RunFiles;

/// <summary>
/// What could be read from a run directory. Each file is loaded on its own, so one missing or corrupt file
/// becomes a <see cref="Problem"/> naming that file and never hides what the others say. A measurement file
/// (steps.csv, timeline.csv) that exists but cannot be read is never replaced by another one: its problems are
/// <see cref="Fatal"/>, because steps rebuilt from the timeline would silently lose the steps' exact percentiles.
/// </summary>
public sealed record LoadedRun
{
    public required RunDirectory Directory { get; init; }
    public RunInfo? Run { get; init; }
    public CsvSheet? StepsSheet { get; init; }
    public IReadOnlyList<StepRow>? Steps { get; init; }
    public IReadOnlyList<TimelineRow>? Timeline { get; init; }
    public MetricsFile? Metrics { get; init; }
    public IReadOnlyList<Problem> Problems { get; init; } = [];
    /// <summary>Problems no later stage may work around (an unreadable or malformed measurement file).</summary>
    public IReadOnlyList<Problem> Fatal { get; init; } = [];
}

public static class RunFilesLoader
{
    public static LoadedRun Load(string runDir)
    {
        var dir = new RunDirectory(runDir);
        var problems = new List<Problem>();
        if (!System.IO.Directory.Exists(runDir))
        {
            problems.Add(Problem.General(runDir, "", "the run directory does not exist"));
            return new LoadedRun { Directory = dir, Problems = problems };
        }
        var run = Json<RunInfo>(dir.RunJson, required: true, problems);
        var fatal = new List<Problem>();
        var stepsText = Text(dir.StepsCsv, fatal);
        var stepsSheet = stepsText is null ? null : Guard(() => CsvSheet.Parse(dir.StepsCsv, stepsText), fatal);
        var steps = stepsSheet is null ? null : Guard(() => StepsCsv.Parse(dir.StepsCsv, stepsText!), fatal);
        var timelineText = Text(dir.TimelineCsv, fatal);
        var timeline = timelineText is null ? null : Guard(() => TimelineCsv.Parse(dir.TimelineCsv, timelineText), fatal);
        var metrics = Json<MetricsFile>(dir.MetricsJson, required: false, problems);
        return new LoadedRun
        {
            Directory = dir, Run = run, StepsSheet = steps is null ? null : stepsSheet, Steps = steps, Timeline = timeline,
            Metrics = metrics, Problems = [.. fatal, .. problems], Fatal = fatal,
        };
    }

    /// <summary>Reads a LoadLab JSON file, turning absence and corruption into a located problem.</summary>
    public static T? Json<T>(string path, bool required, List<Problem> problems) where T : class
    {
        if (!File.Exists(path) && !System.IO.Directory.Exists(path))
        {
            if (required) problems.Add(Problem.General(path, "", "the file is missing"));
            return null;
        }
        var text = Guard(() => CsvRules.ReadText(path), problems);
        if (text is null) return null;
        try { return LoadLabJson.Deserialize<T>(text); }
        catch (JsonException e)
        {
            problems.Add(new Problem(path, (int)(e.LineNumber ?? -1) + 1, (int)(e.BytePositionInLine ?? -1) + 1,
                e.Path ?? "", $"not a valid {typeof(T).Name}: {FirstLine(e.Message)}"));
            return null;
        }
    }

    private static string? Text(string path, List<Problem> problems)
    {
        // Absence is judged by the caller (steps can come from the timeline); a folder in a file's place is not absence.
        if (!File.Exists(path) && !System.IO.Directory.Exists(path)) return null;
        return Guard(() => CsvRules.ReadText(path), problems);
    }

    private static T? Guard<T>(Func<T> read, List<Problem> problems) where T : class
    {
        try { return read(); }
        catch (UserInputException e) { problems.AddRange(e.Problems); return null; }
    }

    private static string FirstLine(string s)
    {
        int i = s.IndexOf(" Path:", StringComparison.Ordinal);
        return (i > 0 ? s[..i] : s).Trim();
    }
}
