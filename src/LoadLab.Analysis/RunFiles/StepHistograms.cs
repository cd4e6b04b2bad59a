using HdrHistogram;
using LoadLab.Core.Findings;
using LoadLab.Core.RunFiles;

namespace LoadLab.Analysis.RunFiles;

/// <summary>One second of a step in <c>latency.hlog</c>: the latency histogram of its successful requests and its failed-request count.</summary>
public sealed record LoggedSecond(HistogramBase? Ok, long Errors)
{
    public long OkCount => Ok?.TotalCount ?? 0;
}

/// <summary>A step's seconds in <c>latency.hlog</c>, the load generator's start lateness and the service time (actual send to response) over the step.</summary>
public sealed record StepLog(int Step, IReadOnlyList<LoggedSecond> Seconds, HistogramBase? Lateness, HistogramBase? Service = null)
{
    public long OkCount => Seconds.Sum(s => s.OkCount);
    public long Errors => Seconds.Sum(s => s.Errors);
}

/// <summary>
/// Per-step, per-second histograms from <c>latency.hlog</c>: the one-second intervals whose start lies in the step's
/// steady window (run.json). Untagged intervals are successful requests' latency, "errors" intervals count failures,
/// "lateness" intervals the load generator's start lateness, "service" intervals the time from the actual send to the
/// response. Values keep the log's unit (µs for LoadLab's engine);
/// the latency resampling uses only ratios of them.
/// </summary>
public static class StepHistograms
{
    private const string ErrorsTag = "errors", LatenessTag = "lateness", ServiceTag = "service";

    /// <summary>Logs by step index; empty when the log is missing. A corrupt log becomes a warning, never an error.</summary>
    public static IReadOnlyDictionary<int, StepLog> Read(string path, IReadOnlyList<StepWindow> windows, List<Finding> warnings)
    {
        if (!File.Exists(path) || windows.Count == 0) return new Dictionary<int, StepLog>();
        var seconds = new Dictionary<int, SortedDictionary<long, (HistogramBase? Ok, long Errors)>>();
        var lateness = new Dictionary<int, HistogramBase>();
        var service = new Dictionary<int, HistogramBase>();
        try
        {
            using var stream = File.OpenRead(path);
            var reader = new HistogramLogReader(stream);
            foreach (var h in reader.ReadHistograms())
            {
                // Intervals are stamped a few milliseconds after the second they cover began.
                long second = h.StartTimeStamp / 1000;
                var w = windows.FirstOrDefault(w => second >= w.SteadyStartUtc.ToUnixTimeSeconds() && second < w.EndUtc.ToUnixTimeSeconds());
                if (w is null) continue;
                if (!seconds.TryGetValue(w.Index, out var bySecond)) seconds[w.Index] = bySecond = new();
                var (ok, errors) = bySecond.GetValueOrDefault(second);
                switch (h.Tag)
                {
                    case null or "": ok = Add(ok, h); break;
                    case ErrorsTag: errors += h.TotalCount; break;
                    case LatenessTag: lateness[w.Index] = Add(lateness.GetValueOrDefault(w.Index), h); break;
                    case ServiceTag: service[w.Index] = Add(service.GetValueOrDefault(w.Index), h); break;
                    default: continue;
                }
                bySecond[second] = (ok, errors);
            }
        }
        catch (Exception e) when (e is IOException or FormatException or InvalidDataException or IndexOutOfRangeException or ArgumentException or OverflowException)
        {
            warnings.Add(new Finding(Severity.Warning, AnalysisCodes.HlogUnreadable,
                "could not be read: the confidence interval resamples latency from the fit's residuals instead of each step's requests") { Subject = path, Detail = e.Message });
            return new Dictionary<int, StepLog>();
        }
        return seconds.ToDictionary(kv => kv.Key, kv => new StepLog(kv.Key,
            kv.Value.Values.Where(s => s.Ok is not null || s.Errors > 0).Select(s => new LoggedSecond(s.Ok, s.Errors)).ToList(),
            lateness.GetValueOrDefault(kv.Key), service.GetValueOrDefault(kv.Key)));
    }

    private static HistogramBase Add(HistogramBase? sum, HistogramBase h)
    {
        if (sum is null) return h.Copy();
        sum.Add(h);
        return sum;
    }
}
