using LoadLab.Core.RunFiles;
using LoadLab.Core.Scenarios;

namespace LoadLab.Engine.Recording;

/// <summary>
/// The client-side rows of <c>steps.csv</c> from the recorder's per-step counters and histograms: every latency
/// column, including the SLO's own percentile, is read from the step's one histogram, never interpolated between
/// the fixed p50/p90/p99.
/// </summary>
internal static class StepRowBuilder
{
    /// <param name="stopAtS">
    /// Seconds after the start at which the load stopped (infinity when it ran to the end): a step the stop cut short
    /// is credited with the seconds it ran, not with its planned window, and a step that never reached its steady
    /// part has no row.
    /// </param>
    public static List<StepRow> Build(RunRecorder recorder, IReadOnlyList<ProfileStep> steps, DateTimeOffset startUtc, double sloPercentile,
        double stopAtS = double.PositiveInfinity)
    {
        var rows = new List<StepRow>();
        foreach (var step in steps)
        {
            var s = recorder.Step(step.Index);
            var endS = Math.Min(step.EndSeconds, stopAtS);
            var seconds = endS - step.SteadyStartSeconds;
            if (seconds <= 0) continue;
            var completed = s.Ok + s.Errors;
            rows.Add(new StepRow
            {
                Step = step.Index,
                StartUtc = startUtc + step.SteadyStart,
                EndUtc = endS < step.EndSeconds ? startUtc + Running.RunInfoBuilder.WholeMilliseconds(endS) : startUtc + step.End,
                OfferedRps = s.Offered / seconds,
                AchievedRps = completed / seconds,
                Requests = s.Offered,
                Ok = s.Ok,
                Errors = s.Errors,
                Dropped = s.Dropped,
                ErrorRateFraction = completed > 0 ? (double)s.Errors / completed : double.NaN,
                ClientP50Ms = Histograms.PercentileMs(s.OkLatency, 50),
                ClientP90Ms = Histograms.PercentileMs(s.OkLatency, 90),
                ClientP99Ms = Histograms.PercentileMs(s.OkLatency, 99),
                ClientSloPercentileMs = s.Ok > 0 ? Histograms.PercentileMs(s.OkLatency, sloPercentile) : null,
                Tokens = recorder.Tokens?.StepCells(step.Index, seconds),
            });
        }
        return rows;
    }
}
