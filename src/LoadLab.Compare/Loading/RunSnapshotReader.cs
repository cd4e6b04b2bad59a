using HdrHistogram;
using LoadLab.Core.Errors;
using LoadLab.Core.RunFiles;

namespace LoadLab.Compare.Loading;

/// <summary>
/// Reads a <see cref="RunSnapshot"/>. A step's latency is the sum of latency.hlog's untagged one-second intervals
/// that start inside the step's steady window (warm-up excluded, as the analysis does); its error counts are
/// steps.csv's. Every problem is a <see cref="UserInputException"/> naming the file (and its field).
/// </summary>
public static class RunSnapshotReader
{
    public static RunSnapshot Read(string directory, string role)
    {
        if (!System.IO.Directory.Exists(directory))
            throw new UserInputException(directory, "", $"the {role} run directory does not exist");
        var dir = new RunDirectory(directory);
        var info = RunJson.ReadRun(dir.RunJson, $"not a run directory (no run.json): the {role} must be a directory written by 'loadlab run'");
        ProvisionalRun.Refuse(dir.RunJson, info, $"the {role} cannot be compared (nothing was written)");
        if (!File.Exists(dir.LatencyHlog))
            throw new UserInputException(dir.LatencyHlog, "", "file not found: the latency histograms are what compare tests");
        var intervals = ReadIntervals(dir.LatencyHlog);
        var rows = info.Steps.Count == 0 ? [] : ReadStepRows(dir);

        var steps = new List<StepSample>();
        foreach (var window in info.Steps)
        {
            var row = rows.FirstOrDefault(r => r.Step == window.Index)
                ?? throw new UserInputException(dir.StepsCsv, "step", $"no row for step {window.Index}, which run.json lists");
            var latency = Sum(intervals, window.SteadyStartUtc, window.EndUtc);
            steps.Add(new StepSample(window, new SideSample(latency, row.Ok + row.Errors, row.Errors)));
        }
        var totals = info.Totals;
        var overall = new SideSample(Sum(intervals, DateTimeOffset.MinValue, DateTimeOffset.MaxValue),
            totals?.Completed ?? 0, totals?.Errors ?? 0);
        return new RunSnapshot(Path.GetFullPath(directory), info, steps, overall,
            ReadOptional<AnalysisFile>(dir.AnalysisJson), ReadOptional<RecommendationFile>(dir.RecommendationJson));
    }

    private static IReadOnlyList<StepRow> ReadStepRows(RunDirectory dir)
    {
        if (!File.Exists(dir.StepsCsv))
            throw new UserInputException(dir.StepsCsv, "", "file not found: run.json lists steady steps, steps.csv holds their counts");
        return StepsCsv.Read(dir.StepsCsv);
    }

    private static T? ReadOptional<T>(string path) where T : class => File.Exists(path) ? RunJson.Read<T>(path) : null;

    private static List<HistogramBase> ReadIntervals(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return new HistogramLogReader(stream).ReadHistograms().Where(h => string.IsNullOrEmpty(h.Tag)).ToList();
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or IOException or ArgumentException
                                      or IndexOutOfRangeException or InvalidOperationException)
        {
            throw new UserInputException(path, "", $"not a readable HdrHistogram interval log: {e.Message}");
        }
    }

    /// <summary>The untagged intervals whose start lies in [from, to), added into LoadLab's one histogram layout.</summary>
    private static HistogramBase Sum(IEnumerable<HistogramBase> intervals, DateTimeOffset from, DateTimeOffset to)
    {
        var total = new LongHistogram(1, 3_600_000_000, 3);
        long fromMs = from == DateTimeOffset.MinValue ? long.MinValue : from.ToUnixTimeMilliseconds();
        long toMs = to == DateTimeOffset.MaxValue ? long.MaxValue : to.ToUnixTimeMilliseconds();
        foreach (var h in intervals)
            if (h.StartTimeStamp >= fromMs && h.StartTimeStamp < toMs) total.Add(h);
        return total;
    }
}
