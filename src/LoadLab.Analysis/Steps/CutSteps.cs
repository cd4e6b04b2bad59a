using System.Globalization;
using LoadLab.Core.Findings;
using LoadLab.Core.RunFiles;

namespace LoadLab.Analysis.Steps;

/// <summary>The steps fit to analyse, and why the others were left out.</summary>
public sealed record UsableSteps(IReadOnlyList<StepRow> Steps, IReadOnlyList<Finding> Reasons);

/// <summary>
/// Steps that the run's stop cut short (run.json gives them a planned end beside their real one). One that kept
/// less than its warm-up plus <see cref="MinSteadyHoldS"/> is left out: a few seconds of a step say little about
/// the latency at its rate, and the fit would weigh them like a full step. Pure.
/// </summary>
public static class CutSteps
{
    /// <summary>The shortest steady part (after the warm-up) of a cut step that is still analysed, in seconds.</summary>
    public const double MinSteadyHoldS = 5;

    public static UsableSteps LeaveOutShort(RunInfo run, IReadOnlyList<StepRow> steps)
    {
        var cut = run.Steps.Where(w => w.PlannedEndUtc is not null).ToDictionary(w => w.Index);
        if (cut.Count == 0) return new UsableSteps(steps, []);
        var kept = new List<StepRow>();
        var reasons = new List<Finding>();
        foreach (var step in steps)
        {
            if (cut.TryGetValue(step.Step, out var w) && (w.EndUtc - w.SteadyStartUtc).TotalSeconds < MinSteadyHoldS)
            {
                reasons.Add(AnalysisCodes.Step(Severity.Warning, AnalysisCodes.StepCutShort, step.Step, string.Format(CultureInfo.InvariantCulture,
                    "left out, the run stopped {0:0.#} s into its steady part (planned {1:0.#} s; at least {2:0} s after the warm-up are needed)",
                    Math.Max(0, (w.EndUtc - w.SteadyStartUtc).TotalSeconds), (w.PlannedEndUtc!.Value - w.SteadyStartUtc).TotalSeconds, MinSteadyHoldS)));
                continue;
            }
            kept.Add(step);
        }
        return new UsableSteps(kept, reasons);
    }
}
