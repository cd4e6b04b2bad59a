using System.Globalization;
using LoadLab.Core.RunFiles;

namespace LoadLab.Reporting.Exporters;

/// <summary>
/// "Model vs this run": the backtest's fleet model replayed on the run's own steps (simulation.json's model_error),
/// each step's predicted latency percentile and error rate beside what the step measured, and the fitted queue that
/// sheds load as errors. A reader sees how far to trust the backtest before reading its candidates.
/// </summary>
public static class ModelErrorTables
{
    /// <summary>One row per step of model_error; null when simulation.json has none.</summary>
    public static ReportTables.Table? Steps(SimulationFile s)
    {
        if (s.ModelError is not { Steps.Count: > 0 } e) return null;
        var p = Fmt.Percentile(e.LatencyPercentile);
        string[] header = ["Step", "Offered IPI", $"Predicted {p} ms", $"Measured {p} ms", "Latency error %", "Predicted errors", "Measured errors", "Error-rate error (points)"];
        var rows = e.Steps.OrderBy(x => x.Step).Select(x => (IReadOnlyList<string>)
        [
            x.Step.ToString(CultureInfo.InvariantCulture), Fmt.N(x.OfferedIpm, 0), Fmt.N(x.PredictedLatencyMs), Fmt.N(x.MeasuredLatencyMs),
            Fmt.PctOf(x.LatencyErrorPct, 1), Fmt.Pct(x.PredictedErrorRateFraction), Fmt.Pct(x.MeasuredErrorRateFraction), Fmt.N(x.ErrorRateErrorFraction * 100, 2),
        ]).ToList();
        return new ReportTables.Table(header, header.Select((_, i) => i > 0).ToList(), rows);
    }

    /// <summary>The largest errors, the queue limit and how the model was compared, as sentences (plain text; exporters escape).</summary>
    public static IReadOnlyList<string> Summary(SimulationFile s)
    {
        var lines = new List<string>();
        if (s.ModelError is { } e)
            lines.Add($"Largest latency error {Fmt.PctOf(e.MaxAbsLatencyErrorPct, 1)}, largest error-rate error {Fmt.N(e.MaxAbsErrorRateErrorFraction * 100, 2)} percentage points"
                      + (e.Basis.Length > 0 ? $" ({e.Basis})." : "."));
        if (s.Fleet is { } f)
            lines.Add(f.QueueFullWaitS is { } wait
                ? $"Queue limit: a full queue waits {Fmt.N(wait * 1000, 0)} ms (full-queue wait {Fmt.N(wait, 3)} s"
                  + (f.QueueLimitRequestsPerInstance is { } k ? $", about {Fmt.N(k, 1)} requests per instance" : "") + "); beyond it the fleet sheds requests as errors"
                  + (f.QueueLimitBasis is { Length: > 0 } b ? $" ({b})." : ".")
                : "Queue limit: none fitted (the run never shed load), so the model's queue has no limit" + (f.QueueLimitBasis is { Length: > 0 } b2 ? $" ({b2})." : "."));
        if (s.PessimisticFleet is { } pf)
            lines.Add($"Pessimistic fleet: sustainable {Fmt.N(pf.SustainableIpm, 0)} IPI, capacity {Fmt.N(pf.CapacityIpm, 0)} IPI ({Fmt.Pct(pf.ScaleFraction, 1)} of the point estimate; {pf.Basis}); "
                      + "each candidate's SLO-violation minutes on it stand beside the nominal ones.");
        return lines;
    }
}
