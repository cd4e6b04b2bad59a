using LoadLab.Analysis.Steps;
using LoadLab.Core.Findings;
using LoadLab.Core.RunFiles;

namespace LoadLab.Analysis.Tests;

public class StepAggregatorTests
{
    [Fact]
    public void Steps_shorter_than_the_period_get_one_clear_warning_not_a_gap_per_step()
    {
        var t0 = Synthetic.T0;
        var run = Synthetic.Run(0) with
        {
            Steps = Enumerable.Range(0, 4).Select(i => new StepWindow(i, 0, 10, t0.AddSeconds(20 * i), t0.AddSeconds(20 * i + 5), t0.AddSeconds(20 * i + 20))).ToList(),
        };
        var steps = run.Steps.Select(w => new StepRow { Step = w.Index, StartUtc = w.SteadyStartUtc, EndUtc = w.EndUtc, AchievedRps = 10, OfferedRps = 10, Requests = 150, Ok = 150 }).ToList();
        var metrics = new MetricsFile
        {
            Endpoint = "ep", Variant = "AllTraffic", WindowStartUtc = t0, WindowEndUtc = t0.AddMinutes(2),
            InstanceCounts = [new InstanceCountSample(t0, 1, 1)],
            Series = [new MetricSeries { Namespace = "AWS/SageMaker", MetricName = "ModelLatency", Stat = "Average", PeriodS = 60, Points = [new MetricPoint(t0, 20), new MetricPoint(t0.AddMinutes(1), 25)] }],
        };
        var r = StepAggregator.Aggregate(run, steps, null, metrics);
        Assert.All(r.Steps, s => Assert.Null(s.ServerModelLatencyMs));
        Assert.All(r.Steps, s => Assert.Equal(600, s.InvocationsPerInstancePerMin));
        var w = Assert.Single(r.Warnings, w => w.Text.Contains("shorter than half the CloudWatch period"));
        Assert.StartsWith("steps 0, 1, 2, 3:", w.Text);
        Assert.Equal((Severity.Info, AnalysisCodes.StepsShorterThanPeriod), (w.Severity, w.Code));
        Assert.DoesNotContain(r.Warnings, w => w.Text.Contains("(gap)"));
    }

    [Fact]
    public void Instance_count_is_time_weighted_over_the_window()
    {
        var t0 = Synthetic.T0;
        var samples = new[] { new InstanceCountSample(t0.AddMinutes(-5), 1, 1), new InstanceCountSample(t0.AddMinutes(1), 3, 3) };
        Assert.Equal(2.0, SeriesWindow.InstanceMean(samples, t0, t0.AddMinutes(2))!.Value, 9); // 1 for a minute, 3 for a minute
    }
}
