using LoadLab.Core.Findings;
using LoadLab.Core.RunFiles;
using static LoadLab.Analysis.Analyzer;

namespace LoadLab.Analysis.Recommend;

/// <summary>
/// MinCapacity and MaxCapacity for a target: Max carries the peak (the scenario's peakRps, else the trace's, else the
/// highest rate tested) at the target's per-instance rate plus one spare (N+1); Min covers the trace's quietest traffic
/// plus one spare, and at least two instances in production. Scenario options win. Pure; a function of the target so
/// the simulated check can re-size the fleet when it lowers the target.
/// </summary>
public sealed record CapacityBounds(int Min, int Max, int AtPeak, double? PeakRps, IReadOnlyList<string> Rationale, IReadOnlyList<Finding> Warnings)
{
    public static CapacityBounds For(RecommendInfo? rec, TrafficProfile traffic, IReadOnlyList<StepRow> steps, double target, bool production)
    {
        var rationale = new List<string>();
        var warnings = new List<Finding>();
        double rpsAtTarget = target / 60;
        double? peakRps = rec?.PeakRps ?? traffic.PeakRps;
        string peakWhy = rec?.PeakRps is not null ? "the scenario's peakRps" : traffic.PeakRps is not null ? "the trace's peak" : "the highest rate the test reached";
        peakRps ??= steps.Where(s => double.IsFinite(s.AchievedRps)).Select(s => (double?)s.AchievedRps).Max();
        // Info: the rationale says how MaxCapacity was sized; a ladder run rarely knows production's peak.
        if (rec?.PeakRps is null) warnings.Add(Finding.Info(AnalysisCodes.NoPeakRps, $"no recommend.peakRps in the scenario: MaxCapacity sized for {peakWhy}"));
        int atPeak = peakRps is { } pk ? Math.Max(1, (int)Math.Ceiling(pk / rpsAtTarget - 1e-9)) : 1;
        int floor = production ? 2 : 1;
        int troughNeed = traffic.TroughRps is { } tr ? (int)Math.Ceiling(tr / rpsAtTarget - 1e-9) + 1 : 0;
        int min = rec?.MinCapacity ?? Math.Max(floor, troughNeed);
        int max = rec?.MaxCapacity ?? Math.Max(min, atPeak + 1);
        if (max < min)
        {
            warnings.Add(Finding.Warning(AnalysisCodes.MaxBelowMin, $"recommend.maxCapacity {max} is below minCapacity {min}: MaxCapacity raised to {min} (AWS rejects Min > Max)"));
            max = min;
        }
        if (rec?.MaxCapacity is { } mc && mc < atPeak)
            warnings.Add(Finding.Warning(AnalysisCodes.MaxTooSmall, F("recommend.maxCapacity {0} cannot carry the peak of {1:0.#} req/s at the target ({2} instances needed)", mc, peakRps, atPeak)));
        rationale.Add(rec?.MaxCapacity is not null
            ? $"MaxCapacity {max}: the scenario's maxCapacity."
            : F("MaxCapacity {0}: {1:0.#} req/s peak ({2}) at {3:0.##} req/s per instance needs {4} instances, plus one spare (N+1).", max, peakRps, peakWhy, rpsAtTarget, atPeak));
        rationale.Add(rec?.MinCapacity is not null ? $"MinCapacity {min}: the scenario's minCapacity."
            : troughNeed > floor ? F("MinCapacity {0}: the trace's quietest traffic needs {1} instances, plus one spare.", min, troughNeed - 1)
            : $"MinCapacity {min}: at least two instances so one can fail or be replaced without an outage (AWS advice for production).");
        return new CapacityBounds(min, max, atPeak, peakRps, rationale, warnings);
    }
}
