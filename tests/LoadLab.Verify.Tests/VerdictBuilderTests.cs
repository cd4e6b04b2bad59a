using LoadLab.Core.AwsApi;
using LoadLab.Core.RunFiles;
using LoadLab.Verify.Observers;

namespace LoadLab.Verify.Tests;

/// <summary>The pure part of verify: minutes on the endpoint's clock, the load step, capacity changes, the verdict.</summary>
public sealed class VerdictBuilderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly SloSummary Slo = new(90, 100, 0.01, 0);

    /// <summary>One row per second: <paramref name="rate"/> offered, all ok, p90 as given.</summary>
    private static IEnumerable<TimelineRow> Seconds(int from, int count, long rate, double p90) =>
        Enumerable.Range(from, count).Select(s => new TimelineRow
        {
            TimeUtc = T0.AddSeconds(s), Offered = rate, Started = rate, Completed = rate, Ok = rate, P50Ms = p90 / 2, P90Ms = p90, P99Ms = p90 * 2,
        });

    private static ScalingActivity Activity(DateTimeOffset at, int to) => new()
    {
        ActivityId = $"a-{to}", ResourceId = "endpoint/e/variant/AllTraffic", Description = $"Setting desired instance count to {to}.",
        StartTime = at, StatusCode = ScalingActivityStatusCodes.Successful,
    };

    [Fact]
    public void A_step_that_scales_out_and_recovers_is_timed_from_the_step()
    {
        // 2 min at 10/s (fast), 3 min at 30/s slow, then fast again: the step is at 2:00, recovery at the end of minute 4.
        var rows = Seconds(0, 120, 10, 20).Concat(Seconds(120, 180, 30, 400)).Concat(Seconds(300, 120, 30, 30)).ToList();
        var clock = ClockMapping.Identity(T0);
        var samples = new[]
        {
            new EndpointSample(T0, T0, "InService", 1, 1),
            new EndpointSample(T0.AddMinutes(4), T0.AddMinutes(4), "Updating", 3, 1),
            new EndpointSample(T0.AddMinutes(5), T0.AddMinutes(5), "InService", 3, 3),
        };
        var activities = new[] { Activity(T0.AddMinutes(4), 3) };
        var minutes = VerdictBuilder.Minutes(rows, clock, samples, activities, Slo);
        var v = VerdictBuilder.Judge(minutes, rows, clock, samples, activities, Slo);

        Assert.Equal(7, minutes.Count);
        Assert.Equal(new[] { false, false, true, true, true, false, false }, minutes.Select(m => m.Violation));
        Assert.Equal(T0.AddSeconds(120), v.LoadStepUtc);
        Assert.Equal(3, v.LoadStepFactor);
        Assert.Equal(T0.AddMinutes(4), v.FirstScaleOutUtc);
        Assert.Equal(120, v.TimeToFirstScaleOutS);
        Assert.True(v.Recovered);
        Assert.Equal(T0.AddMinutes(5), v.RecoveredUtc);
        Assert.Equal(3, v.ViolationMinutes);
        Assert.False(v.SloHeld);
        Assert.Equal(1, v.InitialInstances);
        Assert.Equal(3, v.MaxDesiredInstances);
        Assert.Equal(1, v.ScaleOuts);
        Assert.Equal(new[] { "a-3" }, minutes[4].Activities);
        Assert.True(VerdictBuilder.Judge(minutes, rows, clock, samples, activities, Slo with { AllowedViolationMinutes = 3 }).SloHeld);
    }

    [Fact]
    public void A_run_that_ends_over_the_slo_has_not_recovered_and_fails_whatever_the_allowance()
    {
        var rows = Seconds(0, 60, 10, 20).Concat(Seconds(60, 120, 30, 400)).ToList();
        var clock = ClockMapping.Identity(T0);
        var samples = new[] { new EndpointSample(T0, T0, "InService", 1, 1) };
        var minutes = VerdictBuilder.Minutes(rows, clock, samples, [], Slo);
        var v = VerdictBuilder.Judge(minutes, rows, clock, samples, [], Slo with { AllowedViolationMinutes = 10 });
        Assert.False(v.Recovered);
        Assert.False(v.SloHeld);
        Assert.Null(v.FirstScaleOutUtc);
        Assert.Contains(v.Reasons, r => r.Contains("no scale-out", StringComparison.Ordinal));
    }

    [Fact]
    public void Real_seconds_land_on_minutes_of_a_compressed_clock()
    {
        // 20x: each emulated minute is 3 real seconds.
        var clock = new ClockMapping(20, T0, T0);
        var rows = Seconds(0, 12, 10, 20).ToList();
        var minutes = VerdictBuilder.Minutes(rows, clock, [], [], Slo, countFactor: 20);
        Assert.Equal(4, minutes.Count);
        Assert.All(minutes, m => Assert.Equal(30, m.Offered));
        Assert.Equal(T0.AddMinutes(3), minutes[^1].MinuteUtc);
        Assert.Equal(T0.AddSeconds(3), clock.ToReal(T0.AddMinutes(1)));
    }

    [Fact]
    public void Capacity_changes_come_from_the_activity_descriptions_and_skip_failed_and_unchanged_ones()
    {
        var changes = VerdictBuilder.Changes(
        [
            Activity(T0.AddMinutes(1), 3),
            Activity(T0.AddMinutes(2), 3),
            Activity(T0.AddMinutes(3), 6) with { StatusCode = ScalingActivityStatusCodes.Failed },
            Activity(T0.AddMinutes(4), 2),
        ], initial: 1);
        Assert.Equal(new[] { (1, 3), (3, 2) }, changes.Select(c => (c.From, c.To)));
    }
}
