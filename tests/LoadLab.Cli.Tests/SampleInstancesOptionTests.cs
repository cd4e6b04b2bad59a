using LoadLab.Cli.Commands;
using LoadLab.Core.Errors;

namespace LoadLab.Cli.Tests;

/// <summary><c>loadlab run --sample-instances</c>: a duration, off, or the 10 s default.</summary>
public class SampleInstancesOptionTests
{
    [Fact]
    public void Default_is_every_10_s_a_duration_sets_the_interval_and_off_turns_sampling_off()
    {
        Assert.Equal(TimeSpan.FromSeconds(10), RunCommand.SampleInstances(null)!.Interval);
        Assert.Equal(TimeSpan.FromSeconds(30), RunCommand.SampleInstances("30s")!.Interval);
        Assert.Equal(TimeSpan.FromMinutes(1), RunCommand.SampleInstances("1m")!.Interval);
        Assert.Null(RunCommand.SampleInstances("off"));
        Assert.Null(RunCommand.SampleInstances("OFF"));
    }

    [Theory]
    [InlineData("500ms", "too short")]
    [InlineData("often", "often")]
    public void A_bad_interval_is_bad_input_naming_the_option(string text, string expected)
    {
        var p = Assert.Single(Assert.Throws<UserInputException>(() => RunCommand.SampleInstances(text)).Problems);
        Assert.Equal("--sample-instances", p.Field);
        Assert.Contains(expected, p.Message);
    }
}
