using LoadLab.Core.RunFiles;

namespace LoadLab.Reporting.Model;

/// <summary>
/// verdict.json's <c>slo_check</c>: whether each steady step of steps.csv met the SLO (latency at the SLO's
/// percentile and the error rate). Apart from the thresholds on purpose: a run can pass every threshold and still
/// break the SLO (a step ladder that drives past capacity to find the limit does exactly that), and the reader must
/// see both. Status: "held" (every step met it), "broken" (at least one did not), "unknown" (no SLO or no steps).
/// </summary>
public sealed record SloCheck
{
    public required string Status { get; init; }
    public int StepsJudged { get; init; }
    /// <summary>Step numbers (steps.csv <c>step</c>) over the SLO, ascending.</summary>
    public IReadOnlyList<int> BrokenSteps { get; init; } = [];
    /// <summary>The steps.csv column the latency was judged on (client_slo_percentile_ms when the run has it).</summary>
    public string? LatencyColumn { get; init; }
    /// <summary>True when the broken steps are the last steps of a ladder whose earlier steps held: the test drove past capacity by design.</summary>
    public bool PastCapacityByDesign { get; init; }
    /// <summary>Per broken step, what broke: "step 5: p90 370 ms > 250 ms; errors 19.7 % > 1 %".</summary>
    public IReadOnlyList<string> Details { get; init; } = [];

    public static readonly SloCheck Unknown = new() { Status = "unknown" };

    public static SloCheck From(SloInfo? slo, IReadOnlyList<StepRow>? steps)
    {
        if (slo is null || steps is not { Count: > 0 }) return Unknown;
        var column = steps.All(s => s.ClientSloPercentileMs is not null) ? "client_slo_percentile_ms" : NearestColumn(slo.LatencyPercentile);
        var broken = new List<int>();
        var details = new List<string>();
        var ordered = steps.OrderBy(s => s.Step).ToList();
        foreach (var s in ordered)
        {
            var latency = column switch
            {
                "client_slo_percentile_ms" => s.ClientSloPercentileMs!.Value,
                "client_p50_ms" => s.ClientP50Ms,
                "client_p90_ms" => s.ClientP90Ms,
                _ => s.ClientP99Ms,
            };
            var why = new List<string>();
            if (double.IsFinite(latency) && latency > slo.LatencyMs)
                why.Add($"p{Exporters.Fmt.N(slo.LatencyPercentile)} {Exporters.Fmt.N(latency, 0)} ms > {Exporters.Fmt.N(slo.LatencyMs)} ms");
            if (double.IsFinite(s.ErrorRateFraction) && s.ErrorRateFraction > slo.MaxErrorRateFraction)
                why.Add($"errors {Exporters.Fmt.Pct(s.ErrorRateFraction, 1)} > {Exporters.Fmt.Pct(slo.MaxErrorRateFraction)}");
            if (why.Count == 0) continue;
            broken.Add(s.Step);
            details.Add($"step {s.Step}: {string.Join("; ", why)}");
        }
        // Past capacity by design: more than one step, the first held, and once broken every later step stayed broken.
        int first = broken.Count > 0 ? ordered.FindIndex(s => s.Step == broken[0]) : -1;
        bool tail = broken.Count > 0 && first > 0 && ordered.Count - first == broken.Count;
        return new SloCheck
        {
            Status = broken.Count == 0 ? "held" : "broken",
            StepsJudged = ordered.Count,
            BrokenSteps = broken,
            LatencyColumn = column,
            PastCapacityByDesign = tail,
            Details = details,
        };
    }

    private static string NearestColumn(double percentile) =>
        percentile <= 50 ? "client_p50_ms" : percentile <= 90 ? "client_p90_ms" : "client_p99_ms";
}
