using System.Text.Json;
using LoadLab.Core.Errors;
using LoadLab.Core.Json;
using LoadLab.Core.RunFiles;

namespace LoadLab.Analysis.RunFiles;

/// <summary>
/// What could be read from a run directory. Each file is loaded on its own, so one missing or corrupt file
/// becomes a <see cref="Problem"/> naming that file and never hides what the others say.
/// </summary>
public sealed record LoadedRun
{
    public required RunDirectory Directory { get; init; }
    public RunInfo? Run { get; init; }
    public CsvTable? StepsTable { get; init; }
    public IReadOnlyList<StepRow>? Steps { get; init; }
    public IReadOnlyList<TimelineRow>? Timeline { get; init; }
    public MetricsFile? Metrics { get; init; }
    public IReadOnlyList<Problem> Problems { get; init; } = [];
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
        CsvTable? stepsTable = Csv(dir.StepsCsv, problems);
        IReadOnlyList<StepRow>? steps = null;
        if (stepsTable is not null) steps = Guard(() => StepsCsv.Read(stepsTable), problems);
        IReadOnlyList<TimelineRow>? timeline = null;
        var timelineTable = Csv(dir.TimelineCsv, problems);
        if (timelineTable is not null) timeline = Guard(() => TimelineCsv.Read(timelineTable), problems);
        var metrics = Json<MetricsFile>(dir.MetricsJson, required: false, problems);
        return new LoadedRun
        {
            Directory = dir, Run = run, StepsTable = steps is null ? null : stepsTable, Steps = steps, Timeline = timeline,
            Metrics = metrics, Problems = problems,
        };
    }

    /// <summary>Reads a LoadLab JSON file, turning absence and corruption into a located problem.</summary>
    public static T? Json<T>(string path, bool required, List<Problem> problems) where T : class
    {
        if (!File.Exists(path))
        {
            if (required) problems.Add(Problem.General(path, "", "the file is missing"));
            return null;
        }
        try { return LoadLabJson.Deserialize<T>(File.ReadAllText(path)); }
        catch (JsonException e)
        {
            problems.Add(new Problem(path, (int)(e.LineNumber ?? -1) + 1, (int)(e.BytePositionInLine ?? -1) + 1,
                e.Path ?? "", $"not a valid {typeof(T).Name}: {FirstLine(e.Message)}"));
            return null;
        }
    }

    private static CsvTable? Csv(string path, List<Problem> problems)
    {
        if (!File.Exists(path)) return null; // absence is judged by the caller (steps can come from the timeline)
        return Guard(() => CsvTable.Parse(path, File.ReadAllText(path)), problems);
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
