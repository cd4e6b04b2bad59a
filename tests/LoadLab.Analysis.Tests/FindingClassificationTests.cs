using LoadLab.Analysis.Recommend;
using LoadLab.Analysis.Steps;
using LoadLab.Core.Findings;
using LoadLab.Core.RunFiles;

namespace LoadLab.Analysis.Tests;

/// <summary>
/// Each finding the analyzer and the recommender write has the severity and code docs/warnings.md gives it: routine
/// per-step bookkeeping of a ladder past capacity is info with one message per cause (so the report folds it into one
/// line), what weakens a figure is a warning, what leaves no figure is an error.
/// </summary>
public class FindingClassificationTests
{
    private static double Truth(double x) => 40 + 8 * x / (600 - x);

    [Fact]
    public void A_ladder_past_capacity_reports_its_left_out_steps_as_info_one_message_per_cause()
    {
        // Past 600 IPI the fleet sheds 20 % of requests and its throughput flattens.
        var steps = Synthetic.Steps([60, 120, 180, 240, 300, 360, 420, 480, 520, 550, 570, 590, 660, 720, 780], Truth, capacity: 600,
            errorRate: x => x > 600 ? 0.2 : 0);
        var a = Analyzer.Analyze(Synthetic.Run(steps.Count), steps);

        var leftOut = a.Warnings.Where(w => w.Code is AnalysisCodes.StepErrorsLeftOut or AnalysisCodes.StepFlattenedLeftOut).ToList();
        Assert.True(leftOut.Count >= 3, string.Join("\n", a.Warnings));
        Assert.All(leftOut, w => Assert.Equal(Severity.Info, w.Severity));
        Assert.All(leftOut, w => Assert.Matches("^step [0-9]+$", w.Subject));
        // One message per code, whatever the step: the report groups them into "step 12/13/14: ...".
        Assert.All(leftOut.GroupBy(w => w.Code), g => Assert.Single(g.Select(w => w.Message).Distinct()));
        Assert.All(a.Warnings, w => Assert.StartsWith("analysis.", w.Code, StringComparison.Ordinal));
        // The sound fit of a clean ladder leaves nothing for the headline.
        Assert.DoesNotContain(a.Warnings, w => w.Severity != Severity.Info);
    }

    [Fact]
    public void A_model_too_big_for_the_points_is_info_and_too_few_steps_is_a_warning()
    {
        var steps = Synthetic.Steps([100, 300, 500, 590], Truth, capacity: 600);
        var a = Analyzer.Analyze(Synthetic.Run(steps.Count), steps);
        var refused = Assert.Single(a.Warnings, w => w.Code == AnalysisCodes.ModelNotEligible && w.Subject == "segmented");
        Assert.Equal(Severity.Info, refused.Severity);
        Assert.Contains("AICc", refused.Detail, StringComparison.Ordinal);
        Assert.Equal(Severity.Warning, Assert.Single(a.Warnings, w => w.Code == AnalysisCodes.TooFewSteps).Severity);
    }

    [Fact]
    public void What_weakens_the_limit_is_a_warning()
    {
        var unsaturated = Analyzer.Analyze(Synthetic.Run(10), Synthetic.Steps(Synthetic.Range(30, 300, 30), x => 40 + 0.05 * x));
        Assert.Equal(Severity.Warning, Assert.Single(unsaturated.Warnings, w => w.Code == AnalysisCodes.Unsaturated).Severity);

        var noisySteps = Synthetic.Steps(Synthetic.Range(60, 570, 30), Truth, capacity: 600, noise: 0.6, seed: 3);
        var noisy = Analyzer.Analyze(Synthetic.Run(noisySteps.Count), noisySteps);
        Assert.Equal(Severity.Warning, Assert.Single(noisy.Warnings, w => w.Code == AnalysisCodes.NoisyFit).Severity);
    }

    [Fact]
    public void No_load_meeting_the_error_slo_is_an_error()
    {
        var steps = Synthetic.Steps(Synthetic.Range(50, 400, 50), x => 40, errorRate: _ => 0.05);
        var a = Analyzer.Analyze(Synthetic.Run(steps.Count), steps);
        Assert.Equal(Severity.Error, Assert.Single(a.Warnings, w => w.Code == AnalysisCodes.ErrorSloNeverMet).Severity);
    }

    [Fact]
    public void Missing_cloudwatch_is_info_for_an_http_target_and_a_warning_for_a_sagemaker_endpoint()
    {
        var steps = Synthetic.Steps([100, 200, 300], Truth);
        var sageMaker = Synthetic.Run(steps.Count);
        var http = sageMaker with { Target = new RunTarget("http", null, null, null, "http://127.0.0.1:8080/invocations") };

        Assert.Equal(Severity.Warning, Assert.Single(StepAggregator.Aggregate(sageMaker, steps, null, null).Warnings, w => w.Code == AnalysisCodes.MetricsMissing).Severity);
        Assert.Equal(Severity.Info, Assert.Single(StepAggregator.Aggregate(http, steps, null, null).Warnings, w => w.Code == AnalysisCodes.MetricsMissing).Severity);
    }

    [Fact]
    public void The_recommender_says_an_http_target_is_not_an_endpoint_as_a_warning_and_a_guessed_peak_as_info()
    {
        var steps = Synthetic.Steps([60, 120, 180, 240, 300, 360, 420, 480, 520, 550, 570, 590, 660, 720], Truth, capacity: 600);
        var run = Synthetic.Run(steps.Count) with { Target = new RunTarget("http", null, null, null, "http://127.0.0.1:8080/invocations") };
        var r = Recommender.Recommend(Analyzer.Analyze(run, steps), run, steps).File!;

        Assert.Equal(Severity.Warning, Assert.Single(r.Warnings, w => w.Code == AnalysisCodes.NotSageMaker).Severity);
        Assert.Equal(Severity.Info, Assert.Single(r.Warnings, w => w.Code == AnalysisCodes.NoPeakRps).Severity);
        Assert.All(r.Warnings, w => Assert.StartsWith("recommend.", w.Code, StringComparison.Ordinal));
    }
}
