using System.Globalization;
using LoadLab.Core.RunFiles;

namespace LoadLab.Analysis.Steps;

/// <summary>
/// Which client latency of a step the SLO is judged on. The engine writes <c>client_slo_percentile_ms</c>, the step's
/// latency at the percentile run.json's SLO names, from the step's own histogram; that is the exact figure and is
/// used whenever every step with a successful request has it. Files without it (older runs, steps rebuilt from
/// timeline.csv) fall back to the nearest fixed percentile at or above the SLO's, with a warning that says so.
/// </summary>
public sealed record SloLatencyColumn(string Column, double JudgedPercentile, Func<StepRow, double> Pick, string? Warning)
{
    public const string Exact = "client_slo_percentile_ms";

    /// <param name="sloPercentile">The percentile of the SLO being judged.</param>
    /// <param name="runSloPercentile">The percentile the engine computed the exact column for (run.json's SLO).</param>
    public static SloLatencyColumn Choose(double sloPercentile, double? runSloPercentile, IReadOnlyList<StepRow> steps)
    {
        var measured = steps.Where(s => s.Ok > 0).ToList();
        bool exact = runSloPercentile == sloPercentile && measured.Count > 0
                     && measured.All(s => s.ClientSloPercentileMs is { } v && double.IsFinite(v));
        if (exact) return new SloLatencyColumn(Exact, sloPercentile, s => s.ClientSloPercentileMs ?? double.NaN, null);

        var (column, judged, pick) = Fixed(sloPercentile);
        string? warning = judged == sloPercentile ? null : string.Format(CultureInfo.InvariantCulture,
            "the SLO is on p{0}, which steps.csv does not hold ({1}): judged on {2} ({3})",
            sloPercentile, runSloPercentile == sloPercentile ? "no client_slo_percentile_ms column" : "its exact column is for run.json's SLO",
            column, judged > sloPercentile ? "the nearest percentile above it, so the limit is conservative" : "the highest it holds, below the SLO's, so the limit is optimistic");
        return new SloLatencyColumn(column, judged, pick, warning);
    }

    private static (string Column, double Percentile, Func<StepRow, double> Pick) Fixed(double percentile) => percentile switch
    {
        <= 50 => ("client_p50_ms", 50, s => s.ClientP50Ms),
        <= 90 => ("client_p90_ms", 90, s => s.ClientP90Ms),
        _ => ("client_p99_ms", 99, s => s.ClientP99Ms),
    };
}
