using System.Text.Json.Serialization;

namespace LoadLab.Core.RunFiles;

/// <summary>
/// The fitted latency curve: the SLO percentile's latency (ms) as a function of invocations per instance per
/// minute (IPI). Lives in Core because the simulator evaluates it without depending on the analyzer.
/// Kinds: "queueing" L(x) = l0 + a·x/(c − x) for x &lt; c; "segmented" two lines meeting at the breakpoint;
/// "linear" l0 + a·x (a run that never saturated).
/// </summary>
public sealed record LatencyCurve
{
    public required string Kind { get; init; }
    public double L0Ms { get; init; }
    /// <summary>The curve's scale: ms for "queueing" (it multiplies the dimensionless x/(c − x)), ms per IPI for
    /// "linear" and "segmented" (their first slope). Its unit depends on <see cref="Kind"/>, so its name cannot state it.</summary>
    public double A { get; init; }
    /// <summary>queueing: the asymptote C (IPI at which latency diverges).</summary>
    public double CapacityIpm { get; init; }
    /// <summary>segmented: breakpoint IPI and the slope after it (ms per IPI).</summary>
    public double BreakpointIpm { get; init; }
    [JsonPropertyName("slope2_ms_per_ipm")] public double Slope2 { get; init; }

    /// <summary>Predicted latency in ms at <paramref name="ipm"/>; +∞ at or beyond a queueing curve's capacity.</summary>
    public double PredictMs(double ipm)
    {
        if (ipm < 0) ipm = 0;
        return Kind switch
        {
            "queueing" => ipm >= CapacityIpm ? double.PositiveInfinity : L0Ms + A * ipm / (CapacityIpm - ipm),
            "segmented" => ipm <= BreakpointIpm ? L0Ms + A * ipm : L0Ms + A * BreakpointIpm + Slope2 * (ipm - BreakpointIpm),
            _ => L0Ms + A * ipm,
        };
    }
}
