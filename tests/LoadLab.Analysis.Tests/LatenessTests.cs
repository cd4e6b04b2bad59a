using HdrHistogram;
using LoadLab.Engine.Recording;

namespace LoadLab.Analysis.Tests;

/// <summary>Steps the load generator started late are re-judged on service time with a reason, never dropped as outliers.</summary>
public class LatenessTests
{
    private static double Truth(double x) => 40 + 8 * x / (600 - x);

    [Fact]
    public void A_step_started_late_is_rejudged_on_service_time_and_said_to_be()
    {
        var ipm = new double[] { 60, 120, 180, 240, 300, 360, 420, 480, 520, 550, 570, 590 };
        var steps = Synthetic.Steps(ipm, Truth, capacity: 600, noise: 0);
        // The generator stalled in step 3: 250 ms of start lateness on top of a ~45 ms service time.
        steps[3] = steps[3] with { ClientP90Ms = Truth(240) + 250 };
        var run = Synthetic.Run(steps.Count);
        using var dir = new RunDirFixture().WithRun(run).WithSteps(steps);
        using (var log = new LatencyLogWriter(dir.Dir.LatencyHlog, Synthetic.T0))
            foreach (var w in run.Steps)
            {
                double service = Truth(ipm[w.Index]);
                double lateMs = w.Index == 3 ? 250 : 0.5;
                for (var t = w.SteadyStartUtc; t < w.EndUtc; t = t.AddSeconds(1))
                    log.Append([Interval(t, "", service + lateMs), Interval(t, "service", service), Interval(t, "lateness", lateMs)]);
            }

        var a = AnalysisService.AnalyzeRunDirectory(dir.Path, simulator: new LoadLab.Simulation.Checks.SimulatedPolicyCheck()).Analysis;

        var late = Assert.Single(a.LateSteps);
        Assert.Equal(3, late.Step);
        Assert.True(late.Rejudged);
        Assert.InRange(late.LatenessP99Ms, 250 * 1.09, 250 * 1.1); // p99 of values spread evenly over 0.6–1.1 × 250 ms
        Assert.InRange(late.ServiceLatencyMs!.Value, Truth(240) * 0.95, Truth(240) * 1.05);
        Assert.Equal(Truth(240) + 250, late.ScheduledLatencyMs!.Value, 1);
        Assert.True(a.Points.Single(p => p.Step == 3).UsedInFit);
        Assert.InRange(a.Points.Single(p => p.Step == 3).LatencyMs, Truth(240) * 0.95, Truth(240) * 1.05);
        Assert.Contains(a.Warnings, w => w.Text.StartsWith("step 3: the load generator started", StringComparison.Ordinal) && w.Text.Contains("re-judged on service time"));
        Assert.Contains(a.Warnings, w => w.Text.StartsWith("the load generator fell behind its schedule in 1 step(s)", StringComparison.Ordinal));
        Assert.DoesNotContain(a.Warnings, w => w.Text.Contains("outlier"));
        Assert.InRange(a.SustainableIpm!.Value, 126000.0 / 218 * 0.95, 126000.0 / 218 * 1.05);
    }

    /// <summary>One second of 200 values (µs) spread evenly from 0.6× to 1.1× <paramref name="aroundMs"/>.</summary>
    private static HistogramBase Interval(DateTimeOffset start, string tag, double aroundMs)
    {
        var h = new LongHistogram(3_600_000_000, 3) { Tag = tag == "" ? null : tag, StartTimeStamp = start.ToUnixTimeMilliseconds(), EndTimeStamp = start.ToUnixTimeMilliseconds() + 1000 };
        for (int i = 0; i < 200; i++) h.RecordValue((long)(aroundMs * 1000 * (0.6 + 0.5 * i / 199.0)) + 1);
        return h;
    }
}
