using LoadLab.Core.Scheduling;
using LoadLab.Simulation.Autoscaling;

namespace LoadLab.Simulation.Tests.Autoscaling;

public class ScheduledActionTests
{
    private static DateTimeOffset Utc(string s) => DateTimeOffset.Parse(s + "Z", System.Globalization.CultureInfo.InvariantCulture);

    private static List<ScalingActivity> RunMinutes(ScalingConfiguration config, DateTimeOffset start, int minutes, int initial)
    {
        var scaler = new Autoscaler(config, initial, start);
        for (var m = 1; m <= minutes; m++) scaler.Evaluate(start.AddMinutes(m), new FleetView(scaler.DesiredCapacity, false));
        return scaler.Activities.Where(a => a.To != a.From).ToList();
    }

    [Theory]
    [InlineData("2026-03-06T00:00:00", "2026-03-06T13:00:00", "2026-03-07T01:00:00", "2026-03-07T13:00:00", "2026-03-08T01:00:00",
        "2026-03-08T12:00:00", "2026-03-09T00:00:00")] // spring forward on Sunday 2026-03-08
    [InlineData("2026-10-30T00:00:00", "2026-10-30T12:00:00", "2026-10-31T00:00:00", "2026-10-31T12:00:00", "2026-11-01T00:00:00",
        "2026-11-01T13:00:00", "2026-11-02T01:00:00")] // fall back on Sunday 2026-11-01 at 02:00 EDT
    public void Scheduled_actions_fire_at_the_wall_clock_minute_across_a_DST_change(string from, params string[] expected)
    {
        var morning = new ScheduledActionModel("morning", ScheduleExpression.Parse("cron(0 8 * * ? *)", "America/New_York"), null, null, 5, 10);
        var evening = new ScheduledActionModel("evening", ScheduleExpression.Parse("cron(0 20 * * ? *)", "America/New_York"), null, null, 1, 2);
        var config = new ScalingConfiguration { MinCapacity = 1, MaxCapacity = 2, ScheduledActions = [morning, evening] };
        var got = RunMinutes(config, Utc(from), 3 * 1440 + 120, initial: 2);
        Assert.Equal(expected.Select(Utc), got.Select(a => a.TimeUtc));
        Assert.Equal([5, 2, 5, 2, 5, 2], got.Select(a => a.To));
        Assert.All(got, a => Assert.Equal(ScalingDirection.Scheduled, a.Direction));
    }

    [Fact]
    public void Start_and_end_time_bound_a_recurring_action()
    {
        var action = new ScheduledActionModel("hourly", ScheduleExpression.Parse("cron(0 * * * ? *)"),
            Utc("2026-01-01T02:30:00"), Utc("2026-01-01T04:00:00"), 3, null);
        var reset = new ScheduledActionModel("reset", ScheduleExpression.Parse("cron(30 * * * ? *)"), null, null, 1, null);
        var config = new ScalingConfiguration { MinCapacity = 1, MaxCapacity = 10, ScheduledActions = [action, reset] };
        var scaler = new Autoscaler(config, 1, Utc("2026-01-01T00:00:00"));
        var mins = new List<(DateTimeOffset, int)>();
        for (var m = 1; m <= 360; m++)
        {
            scaler.Evaluate(Utc("2026-01-01T00:00:00").AddMinutes(m), new FleetView(scaler.DesiredCapacity, false));
            if (mins.Count == 0 || mins[^1].Item2 != scaler.MinCapacity) mins.Add((Utc("2026-01-01T00:00:00").AddMinutes(m), scaler.MinCapacity));
        }
        // Min 3 only at 03:00 and 04:00 (inside [02:30, 04:00]); the half-hour reset brings it back to 1.
        Assert.Equal([(Utc("2026-01-01T00:01:00"), 1), (Utc("2026-01-01T03:00:00"), 3), (Utc("2026-01-01T03:30:00"), 1),
            (Utc("2026-01-01T04:00:00"), 3), (Utc("2026-01-01T04:30:00"), 1)], mins);
    }

    [Fact]
    public void Suspended_scheduled_scaling_changes_nothing()
    {
        var action = new ScheduledActionModel("at", ScheduleExpression.Parse("at(2026-01-01T01:00:00)"), null, null, 4, null);
        var config = new ScalingConfiguration { MinCapacity = 1, MaxCapacity = 10, ScheduledActions = [action], ScheduledScalingSuspended = true };
        Assert.Empty(RunMinutes(config, Utc("2026-01-01T00:00:00"), 120, 1));
        Assert.Single(RunMinutes(config with { ScheduledScalingSuspended = false }, Utc("2026-01-01T00:00:00"), 120, 1));
    }
}
