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
    public static List<StepRow> Build(RunRecorder recorder, IReadOnlyList<ProfileStep> steps, DateTimeOffset startUtc, double sloPercentile)
    {
        var rows = new List<StepRow>();
        foreach (var step in steps)
        {
            var s = recorder.Step(step.Index);
            var seconds = step.EndSeconds - step.SteadyStartSeconds;
            if (seconds <= 0) continue;
            var completed = s.Ok + s.Errors;
            rows.Add(new StepRow
            {
                Step = step.Index,
                StartUtc = startUtc + step.SteadyStart,
                EndUtc = startUtc + step.End,
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
            });
        }
        return rows;
    }
}
