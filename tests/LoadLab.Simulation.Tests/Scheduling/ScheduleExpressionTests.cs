using LoadLab.Core.AwsApi;
using LoadLab.Core.Errors;
using LoadLab.Core.Scheduling;

namespace LoadLab.Simulation.Tests.Scheduling;

public class ScheduleExpressionTests
{
    private static DateTimeOffset Utc(string s) => DateTimeOffset.Parse(s + "Z", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Cron_in_new_york_follows_the_wall_clock_across_spring_forward()
    {
        // 06:30 New York: EST (UTC-5) before 2026-03-08, EDT (UTC-4) after.
        var s = ScheduleExpression.Parse("cron(30 6 * * ? *)", "America/New_York");
        var got = s.Occurrences(Utc("2026-03-06T00:00:00"), Utc("2026-03-10T00:00:00")).ToList();
        Assert.Equal([Utc("2026-03-06T11:30:00"), Utc("2026-03-07T11:30:00"), Utc("2026-03-08T10:30:00"), Utc("2026-03-09T10:30:00")], got);
    }

    [Fact]
    public void Cron_in_new_york_follows_the_wall_clock_across_fall_back()
    {
        var s = ScheduleExpression.Parse("cron(0 6 ? * SUN *)", "America/New_York");
        var got = s.Occurrences(Utc("2026-10-20T00:00:00"), Utc("2026-11-10T00:00:00")).ToList();
        Assert.Equal([Utc("2026-10-25T10:00:00"), Utc("2026-11-01T11:00:00"), Utc("2026-11-08T11:00:00")], got);
    }

    [Fact]
    public void Nonexistent_local_time_fires_shifted_by_the_gap_and_repeated_time_fires_once()
    {
        var spring = ScheduleExpression.Parse("cron(30 2 * * ? *)", "America/New_York");
        Assert.Equal(Utc("2026-03-08T07:30:00"), spring.NextOccurrence(Utc("2026-03-08T00:00:00"))); // = 03:30 EDT
        Assert.Equal(Utc("2026-03-09T06:30:00"), spring.NextOccurrence(Utc("2026-03-08T07:30:00"))); // 02:30 EDT next day
        var fall = ScheduleExpression.Parse("cron(30 1 * * ? *)", "America/New_York");
        var got = fall.Occurrences(Utc("2026-11-01T00:00:00"), Utc("2026-11-02T12:00:00")).ToList();
        Assert.Equal([Utc("2026-11-01T05:30:00"), Utc("2026-11-02T06:30:00")], got); // first 01:30 (EDT) only
    }

    [Fact]
    public void At_is_wall_clock_in_the_zone_and_fires_once()
    {
        var s = ScheduleExpression.Parse("at(2026-11-01T08:00:00)", "America/New_York");
        Assert.Equal(Utc("2026-11-01T13:00:00"), s.NextOccurrence(Utc("2026-11-01T00:00:00")));
        Assert.Null(s.NextOccurrence(Utc("2026-11-01T13:00:00")));
        Assert.Equal(Utc("2026-11-01T08:00:00"), ScheduleExpression.Parse("at(2026-11-01T08:00:00)").NextOccurrence(Utc("2026-01-01T00:00:00")));
    }

    [Fact]
    public void Rate_counts_from_start_time_and_stops_at_end_time()
    {
        var s = ScheduleExpression.Parse("rate(90 minutes)");
        var got = s.Occurrences(Utc("2026-01-01T00:00:00"), Utc("2026-01-02T00:00:00"),
            startUtc: Utc("2026-01-01T01:00:00"), endUtc: Utc("2026-01-01T05:00:00")).ToList();
        Assert.Equal([Utc("2026-01-01T01:00:00"), Utc("2026-01-01T02:30:00"), Utc("2026-01-01T04:00:00")], got);
        // Without a start time: one period after the anchor.
        Assert.Equal(Utc("2026-01-01T01:30:00"), s.NextOccurrence(Utc("2026-01-01T00:00:00"), anchorUtc: Utc("2026-01-01T00:00:00")));
    }

    [Fact]
    public void Cron_special_fields_last_weekday_nth_weekday_and_lists()
    {
        // Last day of February 2028 (leap year).
        Assert.Equal(Utc("2028-02-29T00:00:00"), ScheduleExpression.Parse("cron(0 0 L * ? *)").NextOccurrence(Utc("2028-02-01T00:00:00")));
        // Third Friday of March 2026 is the 20th.
        Assert.Equal(Utc("2026-03-20T09:00:00"), ScheduleExpression.Parse("cron(0 9 ? * 6#3 *)").NextOccurrence(Utc("2026-03-01T00:00:00")));
        // Last Friday of March 2026 is the 27th.
        Assert.Equal(Utc("2026-03-27T09:00:00"), ScheduleExpression.Parse("cron(0 9 ? * FRIL *)").NextOccurrence(Utc("2026-03-01T00:00:00")));
        // 2026-03-01 is a Sunday: nearest weekday to the 1st is Monday the 2nd.
        Assert.Equal(Utc("2026-03-02T00:00:00"), ScheduleExpression.Parse("cron(0 0 1W * ? *)").NextOccurrence(Utc("2026-02-28T00:00:00")));
        // Weekdays at 08:00 and 18:15, every 15 minutes list.
        var wd = ScheduleExpression.Parse("cron(0/15 8 ? * MON-FRI 2026)");
        Assert.Equal(Utc("2026-03-02T08:00:00"), wd.NextOccurrence(Utc("2026-02-28T12:00:00")));
        Assert.Equal(Utc("2026-03-02T08:15:00"), wd.NextOccurrence(Utc("2026-03-02T08:00:00")));
        Assert.Null(wd.NextOccurrence(Utc("2026-12-31T09:00:00")));
    }

    [Theory]
    [InlineData("cron(0 6 * * * *)", "Schedule", "exactly one of Day-of-month and Day-of-week")]
    [InlineData("cron(0 6 * *)", "Schedule", "6 fields")]
    [InlineData("cron(61 6 ? * * *)", "Schedule", "Minutes: value 61 is outside 0-59")]
    [InlineData("cron(0 6 ? * FUN *)", "Schedule", "Day-of-week")]
    [InlineData("rate(0 minutes)", "Schedule", "positive whole number")]
    [InlineData("rate(5 weeks)", "Schedule", "unit must be")]
    [InlineData("rate(1 minutes)", "Schedule", "AWS rejects")]
    [InlineData("at(2026-13-01T00:00:00)", "Schedule", "yyyy-mm-ddThh:mm:ss")]
    [InlineData("every day", "Schedule", "not at(...), rate(...) or cron(...)")]
    public void Malformed_schedules_are_rejected_with_a_clear_message(string schedule, string field, string fragment)
    {
        var ex = Assert.Throws<UserInputException>(() => ScheduleExpression.Parse(schedule, null, "recommendation.json"));
        var p = Assert.Single(ex.Problems);
        Assert.Equal(field, p.Field);
        Assert.Equal("recommendation.json", p.File);
        Assert.Contains(fragment, p.Message);
    }

    [Fact]
    public void Unknown_time_zone_and_start_after_end_are_reported_per_field()
    {
        var req = new PutScheduledActionRequest
        {
            ScheduledActionName = "morning", ResourceId = "endpoint/e/variant/v", Schedule = "cron(0 6 ? * * *)", Timezone = "Mars/Olympus",
            StartTime = Utc("2026-02-01T00:00:00"), EndTime = Utc("2026-01-01T00:00:00"),
        };
        var problems = ScheduledActionRules.Check(req, "recommendation.json");
        Assert.Equal(["PutScheduledAction[morning].Timezone", "PutScheduledAction[morning].StartTime"], problems.Select(p => p.Field));
        Assert.Contains("Mars/Olympus", problems[0].Message);
    }
}
