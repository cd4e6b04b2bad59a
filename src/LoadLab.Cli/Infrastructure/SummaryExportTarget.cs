using LoadLab.Core.Errors;
using LoadLab.Core.RunFiles;

namespace LoadLab.Cli.Infrastructure;

/// <summary>
/// Where <c>--summary-export PATH</c> may write, checked before anything is sent or written: never over one of the
/// command's inputs (the scenario and its payloads and traces, a run file the report reads, or a file the report
/// writes), not over a directory, and not over an existing file unless <c>--force</c> (k6 overwrites silently; a
/// pipeline that collects summaries should not lose one by a typo).
/// </summary>
public static class SummaryExportTarget
{
    public const string Flag = "--summary-export";

    /// <returns>The path as given, checked; null when <paramref name="path"/> is null.</returns>
    /// <exception cref="UserInputException">the path is an input, a run file, a directory, or an existing file without --force.</exception>
    public static string? Check(string? path, bool force, string? runDirectory, IEnumerable<string> inputs)
    {
        if (path is null) return null;
        if (string.IsNullOrWhiteSpace(path)) throw new UserInputException(Flag, Flag, "the path is empty");
        var full = Path.GetFullPath(path);
        var reserved = inputs.Concat(runDirectory is null ? [] : RunFiles(new RunDirectory(runDirectory)));
        foreach (var input in reserved)
            if (string.Equals(full, Path.GetFullPath(input), StringComparison.Ordinal))
                throw new UserInputException(Flag, Flag, $"'{path}' is one of this command's own files ({input}): the summary would overwrite it; choose another path");
        if (Directory.Exists(full))
            throw new UserInputException(Flag, Flag, $"'{path}' is a directory: give a file path such as summary.json");
        if (File.Exists(full) && !force)
            throw new UserInputException(Flag, Flag, $"'{path}' already exists: nothing was written (choose a new path, or pass --force to overwrite it)");
        return path;
    }

    /// <summary>The files a run directory holds or a report writes there.</summary>
    public static IEnumerable<string> RunFiles(RunDirectory d) =>
    [
        d.RunJson, d.TimelineCsv, d.StepsCsv, d.LatencyHlog, d.MetricsJson, d.AnalysisJson, d.RecommendationJson, d.SimulationJson,
        d.ReportHtml, d.SummaryMd, d.VerdictJson, d.VerifyJson, d.InstancesCsv,
        Path.Combine(d.Path, "verify", "verify.json"), Path.Combine(d.Path, "report.junit.xml"),
        Path.Combine(d.Path, "compare.json"), Path.Combine(d.Path, "compare.html"), Path.Combine(d.Path, "compare.md"), Path.Combine(d.Path, "compare.junit.xml"),
    ];

    /// <summary>The files run.json says the run read (scenario, payloads, traces); none when it cannot be read.</summary>
    public static IEnumerable<string> RecordedInputs(string runDirectory) =>
        RunJson.TryReadRun(new RunDirectory(runDirectory).RunJson)?.Inputs?.Select(i => i.Path) ?? [];
}
