using LoadLab.Cli.Infrastructure;
using LoadLab.Core.Errors;

namespace LoadLab.Cli.Tests;

public class TimeArgumentTests
{
    [Fact]
    public void A_time_without_an_offset_is_utc_and_an_offset_is_honoured()
    {
        Assert.Equal(new DateTimeOffset(1998, 6, 10, 0, 0, 0, TimeSpan.Zero), TimeArgument.Parse("1998-06-10", "--start", "1998-06-10"));
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero), TimeArgument.Parse("2026-11-27T12:00:00+02:00", "--start-at", "x"));
    }

    [Fact]
    public void Not_a_time_is_bad_input_naming_the_option_and_an_example()
    {
        var p = Assert.Single(Assert.Throws<UserInputException>(() => TimeArgument.Parse("tomorrow", "--start-at", "2026-11-27T12:00:00Z")).Problems);
        Assert.Equal(("--start-at", "--start-at"), (p.File, p.Field));
        Assert.Equal("'tomorrow' is not a UTC date and time (e.g. 2026-11-27T12:00:00Z)", p.Message);
    }
}
