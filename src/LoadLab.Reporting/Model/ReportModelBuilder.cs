using System.Text.Json;
using LoadLab.Core.Errors;
using LoadLab.Core.Json;
using LoadLab.Core.RunFiles;

namespace LoadLab.Reporting.Model;

/// <summary>
/// Builds the <see cref="ReportModel"/> from a run directory. Every file is optional: a missing or corrupt file
/// becomes a <see cref="FileSection{T}"/> with a problem, never an exception, so the rest of the report renders.
/// Only a run directory that does not exist is bad input.
/// </summary>
public static class ReportModelBuilder
{
    /// <param name="time">The clock of verdict.json's <c>generated_utc</c>; null leaves it out (a report of the files alone).</param>
    public static ReportModel Build(string runDirectory, TimeProvider? time = null)
    {
        if (!Directory.Exists(runDirectory))
            throw new UserInputException(runDirectory, "", "the run directory does not exist");
        var dir = new RunDirectory(runDirectory);

        var run = LoadJson<RunInfo>(dir.RunJson);
        var timeline = Load(dir.TimelineCsv, TimelineCsv.Read);
        var steps = Load(dir.StepsCsv, StepsCsv.Read);
        var expectedP50 = run.Value?.Totals?.P50Ms;
        var latency = Load(dir.LatencyHlog, path =>
        {
            using var stream = File.OpenRead(path);
            return HlogReader.Read(stream, expectedP50);
        });
        var metrics = LoadJson<MetricsFile>(dir.MetricsJson);
        var analysis = LoadJson<AnalysisFile>(dir.AnalysisJson);
        var recommendation = LoadJson<RecommendationFile>(dir.RecommendationJson);
        var simulation = LoadJson<SimulationFile>(dir.SimulationJson);
        var verify = LoadVerify(dir);
        var comparePath = Path.Combine(dir.Path, ReportModel.CompareFileName);
        var baseline = File.Exists(comparePath)
            ? LoadJson<Baselines.BaselineComparison>(comparePath)
            : FileSection<Baselines.BaselineComparison>.NotFound(ReportModel.CompareFileName);

        var partial = new ReportModel
        {
            RunDirectory = runDirectory,
            ReportVersion = ToolVersion,
            GeneratedUtc = time?.GetUtcNow(),
            Run = run, Timeline = timeline, Steps = steps, Latency = latency, Metrics = metrics,
            Analysis = analysis, Recommendation = recommendation, Simulation = simulation, Verify = verify, Baseline = baseline,
            Verdict = new Verdict { Status = "unknown", ThresholdStatus = "unknown", Passed = false },
        };
        return partial with { Verdict = VerdictBuilder.Build(partial) };
    }

    public static string ToolVersion { get; } = Core.RunFiles.ToolVersion.Of(typeof(ReportModelBuilder).Assembly);

    /// <summary>
    /// The closed-loop check is optional: verify.json beside the run files (a verify run directory), else in verify/
    /// (the demo's layout). Neither there is not a problem; the section says how to make one.
    /// </summary>
    private static FileSection<VerifyFile> LoadVerify(RunDirectory dir)
    {
        var nested = Path.Combine(dir.Path, "verify", ReportModel.VerifyFileName);
        if (File.Exists(dir.VerifyJson)) return LoadJson<VerifyFile>(dir.VerifyJson);
        if (File.Exists(nested)) return Load(nested, p => LoadLabJson.Deserialize<VerifyFile>(File.ReadAllText(p)), "verify/" + ReportModel.VerifyFileName);
        return FileSection<VerifyFile>.NotFound(ReportModel.VerifyFileName) with
        {
            Problem = "No closed-loop check: there is no verify.json in the run directory or in its verify/ folder.",
        };
    }

    private static FileSection<T> LoadJson<T>(string path) where T : class =>
        Load(path, p => LoadLabJson.Deserialize<T>(File.ReadAllText(p)));

    private static FileSection<T> Load<T>(string path, Func<string, T> read, string? displayName = null) where T : class
    {
        var name = displayName ?? Path.GetFileName(path);
        if (!File.Exists(path)) return FileSection<T>.NotFound(name);
        try
        {
            return FileSection<T>.Loaded(name, read(path));
        }
        catch (UserInputException e)
        {
            return FileSection<T>.Corrupt(name, string.Join("; ", e.Problems.Select(p => p.ToString().Replace(path, name))));
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or IOException or FormatException
                                      or ArgumentException or InvalidOperationException or NotSupportedException
                                      or IndexOutOfRangeException or OverflowException or UnauthorizedAccessException)
        {
            return FileSection<T>.Corrupt(name, e.Message.Replace(path, name));
        }
    }
}
