using LoadLab.Cli.Demo;
using LoadLab.Core.Json;
using LoadLab.Core.RunFiles;
using LoadLab.TestSupport;

namespace LoadLab.Cli.Tests;

/// <summary>The demo's check of the analysis against the sim's theory: within ±15 % passes, outside or nothing found fails.</summary>
public sealed class DemoTheoryCheckTests
{
    private static (string? Line, bool Agrees) Check(double? sustainableIpm, double theoryIpm = 10_000, string arrivals = "poisson")
    {
        using var dir = new TempDir("demo-theory");
        dir.Write("analysis.json", LoadLabJson.Serialize(new AnalysisFile { Slo = new SloInfo(90, 250, 0.01), SustainableIpm = sustainableIpm, Arrivals = arrivals }));
        return DemoRunner.CheckAgainstTheory(new RunDirectory(dir.Path), theoryIpm);
    }

    [Theory]
    [InlineData(9_400, true, "-6.0%; within")]
    [InlineData(11_400, true, "+14.0%; within")]
    [InlineData(8_400, false, "-16.0%; OUTSIDE")]
    public void The_measured_sustainable_load_is_held_to_fifteen_percent_of_the_theory(double measured, bool agrees, string says)
    {
        var (line, ok) = Check(measured);
        Assert.Equal(agrees, ok);
        Assert.Contains(says, line);
    }

    [Fact]
    public void A_run_whose_steps_arrived_evenly_spaced_is_not_compared_with_the_poisson_theory()
    {
        var (line, ok) = Check(10_000, arrivals: "uniform");
        Assert.False(ok);
        Assert.Contains("which is for Poisson arrivals", line);
        Assert.Contains("both for Poisson arrivals", Check(10_000).Line);
    }

    [Fact]
    public void No_sustainable_load_found_fails_and_no_analysis_leaves_it_to_the_stage_that_failed()
    {
        var (line, ok) = Check(null);
        Assert.False(ok);
        Assert.Contains("no sustainable load", line);

        using var empty = new TempDir("demo-theory-empty");
        Assert.Equal((null, true), DemoRunner.CheckAgainstTheory(new RunDirectory(empty.Path), 10_000));
    }
}
