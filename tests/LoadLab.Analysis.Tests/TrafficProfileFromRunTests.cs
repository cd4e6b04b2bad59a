using LoadLab.Analysis.Recommend;
using LoadLab.Core.RunFiles;

namespace LoadLab.Analysis.Tests;

/// <summary>Which runs give the recommender's simulated check traffic to replay: steady or shaped load does, a test design does not.</summary>
public sealed class TrafficProfileFromRunTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);

    private static (RunInfo Run, IReadOnlyList<TimelineRow> Timeline) Run(string shape)
    {
        var end = T0.AddMinutes(90);
        var run = new RunInfo
        {
            ScenarioName = "s", Target = new RunTarget("sagemaker", "ep", "AllTraffic", "us-east-1", null), Seed = 1, ToolVersion = "0",
            LoadModel = "open", StartUtc = T0, Phases = [new PhaseWindow(0, shape, T0, end)],
        };
        var rows = Enumerable.Range(0, 90 * 60).Select(s => new TimelineRow { TimeUtc = T0.AddSeconds(s), Offered = 10 + s / 600 }).ToList();
        return (run, rows);
    }

    [Theory]
    [InlineData("constant")]
    [InlineData("poisson")]
    [InlineData("ramp")]
    public void Shaped_load_is_replayed_as_the_runs_offered_requests_per_minute(string shape)
    {
        var (run, timeline) = Run(shape);
        var p = TrafficProfiler.FromRun(run, timeline);
        Assert.Equal(90, p.PerMinute!.Count);
        Assert.Equal(600, p.PerMinute[0]);
        Assert.Equal(T0, p.FirstMinuteUtc);
    }

    [Theory]
    [InlineData("steps")]
    [InlineData("Spike")]
    public void A_step_ladder_or_a_spike_is_a_test_design_and_gives_no_traffic_and_says_so(string shape)
    {
        var (run, timeline) = Run(shape);
        var p = TrafficProfiler.FromRun(run, timeline);
        Assert.Null(p.PerMinute);
        Assert.Contains("test design, not traffic", p.PerMinuteSource);
    }
}
