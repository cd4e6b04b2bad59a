using LoadLab.Analysis;
using LoadLab.Cli.Pipeline;
using LoadLab.Core.RunFiles;

namespace LoadLab.Cli.Tests;

/// <summary>The terminal words the sustainable IPI's interval as the report does: a step bracket is a measured bracket, never a 95 % CI.</summary>
public sealed class StagePrinterIntervalTests
{
    private static AnalysisFile Analysis(string? method) => new()
    {
        Slo = new SloInfo(90, 80, 0.01),
        SustainableIpm = 2400, SustainableIpmCiLow = 2280, SustainableIpmCiHigh = 2520, SustainableIpmCiMethod = method,
        Points = [new AnalysisPoint(7, 2280, 70, 0, 38, 38, true), new AnalysisPoint(8, 2520, 95, 0.02, 42, 41, true)],
    };

    private static string Printed(AnalysisFile a)
    {
        var o = new StringWriter();
        StagePrinter.Analyzed(o, new AnalyzeOutcome { Analysis = a });
        return o.ToString();
    }

    [Fact]
    public void A_step_bracket_prints_as_a_measured_bracket_between_its_steps()
    {
        var text = Printed(Analysis("step_bracket"));
        Assert.Contains("sustainable: 2400 invocations/instance/min (between steps 7 and 8: 2,280–2,520 IPI, measured bracket)", text);
        Assert.DoesNotContain("CI", text);
    }

    [Fact]
    public void A_resampled_interval_prints_as_a_95_percent_ci_and_a_zero_width_one_not_at_all()
    {
        Assert.Contains("sustainable: 2400 invocations/instance/min (95 % CI 2,280–2,520)", Printed(Analysis("outcome_bootstrap")));
        var point = Printed(Analysis("outcome_bootstrap") with { SustainableIpmCiLow = 2400, SustainableIpmCiHigh = 2400 });
        Assert.Contains("sustainable: 2400 invocations/instance/min", point);
        Assert.DoesNotContain("CI", point);
    }
}
