using LoadLab.Core.Scenarios;

namespace LoadLab.Core.Tests.Scenarios;

public class DurationTextTests
{
    [Theory]
    [InlineData("500ms", 0.5)]
    [InlineData("30s", 30)]
    [InlineData("1.5s", 1.5)]
    [InlineData("5m", 300)]
    [InlineData("2h", 7200)]
    [InlineData("1h30m", 5400)]
    [InlineData("1h0m5s", 3605)]
    [InlineData("1d", 86400)]
    [InlineData("250us", 0.00025)]
    [InlineData(" 45s ", 45)]
    [InlineData("0", 0)]
    [InlineData("0s", 0)]
    public void Parses(string text, double seconds)
    {
        Assert.True(DurationText.TryParse(text, out var value, out var error), error);
        Assert.Equal(TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond)), value);
    }

    [Theory]
    [InlineData("30", "'30' has no unit; write e.g. 30s or 30ms")]
    [InlineData("", "expected a duration like 30s, 5m or 1h30m")]
    [InlineData("-5s", "'-5s' is negative; durations must be positive")]
    [InlineData("5 minutes", "'5 minutes' is not a duration (write it without spaces, e.g. 500ms, 30s, 5m, 1h30m)")]
    [InlineData("soon", "'soon' is not a duration (expected e.g. 500ms, 30s, 5m, 2h, 1h30m)")]
    [InlineData("5min", "'5min' has an unknown unit 'min' (use us, ms, s, m, h or d)")]
    [InlineData("30m1h", "'30m1h' is not a duration (write units largest first, each once, e.g. 1h30m)")]
    [InlineData("1h30", "'1h30' is not a duration (a number without a unit)")]
    [InlineData("1.2.3s", "'1.2.3s' is not a duration (bad number '1.2.3')")]
    public void Refuses_with_a_reason(string text, string expected)
    {
        Assert.False(DurationText.TryParse(text, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData(0.5, "500ms")]
    [InlineData(30, "30s")]
    [InlineData(220, "3m40s")]
    [InlineData(5400, "1h30m")]
    [InlineData(1.5, "1.5s")]
    [InlineData(90000, "1d1h")]
    [InlineData(0, "0s")]
    public void Formats_round_trip(double seconds, string text)
    {
        var value = TimeSpan.FromSeconds(seconds);
        Assert.Equal(text, DurationText.Format(value));
        Assert.Equal(value, DurationText.Parse(text));
    }
}
