using HdrHistogram;
using LoadLab.Analysis.RunFiles;
using LoadLab.Core.Findings;
using LoadLab.Core.RunFiles;
using static LoadLab.Analysis.Analyzer;

namespace LoadLab.Analysis.Limits;

/// <summary>
/// The load generator's own lateness, from latency.hlog's "lateness" intervals (LoadLab's engine writes µs). Latency
/// is measured from the scheduled start, so a generator that falls behind adds its delay to every percentile: a step
/// whose lateness at the judged percentile exceeds the bound is re-judged on its service time (actual send to
/// response, the "service" intervals), scaled to the steps.csv figure, and says so. It is never dropped silently.
/// </summary>
public static class LatenessCheck
{
    private const double MicrosPerMs = 1000;

    public static (IReadOnlyList<StepPoint> Rows, IReadOnlyList<LateStep> Late, IReadOnlyList<Finding> Warnings) Apply(
        IReadOnlyList<StepPoint> rows, IReadOnlyDictionary<int, StepLog> logs, double percentile, double boundMs)
    {
        var late = new List<LateStep>();
        var warnings = new List<Finding>();
        var result = new List<StepPoint>(rows.Count);
        foreach (var r in rows)
        {
            if (!logs.TryGetValue(r.Step, out var log) || log.Lateness is not { TotalCount: > 0 } h)
            {
                result.Add(r);
                continue;
            }
            double atPercentileMs = h.GetValueAtPercentile(percentile) / MicrosPerMs;
            double p99 = h.GetValueAtPercentile(99) / MicrosPerMs, max = h.GetMaxValue() / MicrosPerMs;
            long over = CountAbove(h, (long)(boundMs * MicrosPerMs));
            if (atPercentileMs <= boundMs)
            {
                if (over > 0) late.Add(new LateStep(r.Step, R(p99, 3), R(max, 3), over, false, null, null));
                result.Add(r);
                continue;
            }
            var ok = Merge(log);
            double? service = null;
            if (log.Service is { TotalCount: > 0 } sv && ok is { TotalCount: > 0 } && double.IsFinite(r.LatencyMs) && ok.GetValueAtPercentile(percentile) > 0)
                service = r.LatencyMs * sv.GetValueAtPercentile(percentile) / ok.GetValueAtPercentile(percentile);
            late.Add(new LateStep(r.Step, R(p99, 3), R(max, 3), over, service is not null, R(r.LatencyMs, 3), R(service, 3)));
            // Re-judged on service time the step is sound (info; the summary line below is the warning); without
            // service time its latency holds the generator's delay, which the reader must know.
            warnings.Add(service is { } s
                ? AnalysisCodes.Step(Severity.Info, AnalysisCodes.StepLate, r.Step, F("the load generator started requests more than {0:0.#} ms late: re-judged on service time", boundMs),
                    F("{0} request(s) late; p{1:0.##} lateness {2:0.#} ms, p99 {3:0.#} ms, max {4:0.#} ms; p{1:0.##} {5:0.#} ms instead of {6:0.#} ms", over, percentile, atPercentileMs, p99, max, s, r.LatencyMs))
                : AnalysisCodes.Step(Severity.Warning, AnalysisCodes.StepLate, r.Step, F("the load generator started requests more than {0:0.#} ms late and latency.hlog has no service time to re-judge it on: "
                    + "its latency includes the generator's delay", boundMs), F("{0} request(s) late; p{1:0.##} lateness {2:0.#} ms, max {3:0.#} ms", over, percentile, atPercentileMs, max)));
            result.Add(service is { } v ? r with { LatencyMs = v } : r);
        }
        if (late.Count > 0)
            warnings.Add(Finding.Warning(AnalysisCodes.GeneratorLate, F("the load generator fell behind its schedule in {0} step(s) (worst p99 lateness {1:0.#} ms, max {2:0.#} ms; bound {3:0.#} ms): give it more CPU, or shard the run",
                late.Count, late.Max(l => l.LatenessP99Ms), late.Max(l => l.LatenessMaxMs), boundMs)));
        return (result, late, warnings);
    }

    private static HistogramBase? Merge(StepLog log)
    {
        HistogramBase? sum = null;
        foreach (var s in log.Seconds.Where(s => s.Ok is not null))
        {
            if (sum is null) sum = s.Ok!.Copy();
            else sum.Add(s.Ok!);
        }
        return sum;
    }

    private static long CountAbove(HistogramBase h, long value)
    {
        long above = 0;
        foreach (var v in h.RecordedValues())
            if (v.ValueIteratedTo > value) above += v.CountAddedInThisIterationStep;
        return above;
    }
}
