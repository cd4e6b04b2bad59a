using LoadLab.Core.RunFiles;

namespace LoadLab.Analysis.Limits;

/// <summary>
/// One step as the limits see it: its load in invocations per instance per minute, its SLO-percentile latency, its
/// error rate over completed requests, and whether its throughput flattened (achieved below the offered rate).
/// </summary>
public readonly record struct StepPoint(StepRow Row, double Ipm, double LatencyMs, double ErrorRate, bool Flattened)
{
    public int Step => Row.Step;
    /// <summary>Requests that completed (ok or failed): the denominator of the error rate.</summary>
    public long Completed => Row.Ok + Row.Errors;
}
