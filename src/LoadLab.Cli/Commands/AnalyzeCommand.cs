using System.CommandLine;
using System.Globalization;
using LoadLab.Analysis;
using LoadLab.Analysis.Recommend;
using LoadLab.Core.Errors;

namespace LoadLab.Cli.Commands;

/// <summary>
/// <c>loadlab analyze &lt;run-dir&gt;</c>: fit, knee, sustainable invocations per instance, and the recommended policy
/// (analysis.json, recommendation.json, and steps.csv's server columns when metrics.json exists). Identical files give identical output.
/// </summary>
public static class AnalyzeCommand
{
    public static Command Create()
    {
        var runDir = new Argument<string>("run-dir") { Description = "Run directory holding run.json and steps.csv (or timeline.csv); metrics.json when collected." };
        var seed = new Option<long?>("--seed") { Description = "Seed of the bootstrap confidence interval. Default: the run's seed (run.json)." };
        var resamples = new Option<int>("--resamples") { Description = "Bootstrap resamples (0 turns the interval off).", DefaultValueFactory = _ => 1000 };
        var step = new Option<StepScalingMode>("--step-scaling")
        { Description = "Add a step-scaling policy and its alarm: auto (when traffic grows faster than target tracking reacts, or the run had a spike), always, never.", DefaultValueFactory = _ => StepScalingMode.Auto };
        var command = new Command("analyze", "Fit latency against invocations per instance and write analysis.json and recommendation.json.") { runDir, seed, resamples, step };
        command.SetAction((parse, _) =>
        {
            var o = parse.InvocationConfiguration.Output;
            AnalyzerOptions analyzer;
            try { analyzer = new AnalyzerOptions { Seed = parse.GetValue(seed), BootstrapResamples = parse.GetValue(resamples) }.Validate(); }
            catch (ArgumentException e) { throw new UserInputException("--resamples", "--resamples", e.Message); }
            var outcome = AnalysisService.AnalyzeRunDirectory(parse.GetValue(runDir)!, analyzer,
                new RecommenderOptions { StepScaling = parse.GetValue(step) });
            Print(o, outcome);
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }

    private static void Print(TextWriter o, AnalyzeOutcome outcome)
    {
        var a = outcome.Analysis;
        string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
        o.WriteLine(F($"SLO p{a.Slo.LatencyPercentile:0.##} ≤ {a.Slo.LatencyMs:0.#} ms, errors ≤ {a.Slo.MaxErrorRateFraction:0.###%}; {a.StepsUsed} step(s) fitted; curve: {a.Curve?.Kind ?? "none"}{(a.Saturated ? ", saturated" : ", never saturated")}"));
        if (a.SustainableIpm is { } s)
            o.WriteLine(F($"sustainable: {s:0.#} invocations/instance/min") + (a.SustainableIpmCiLow is { } lo && a.SustainableIpmCiHigh is { } hi ? F($" (95 % CI {lo:0.#}–{hi:0.#}, seed {a.BootstrapSeed})") : "")
                        + (a.KneeIpm is { } k ? F($"; knee {k:0.#}") : ""));
        if (outcome.Recommendation is { } r)
        {
            var b = r.Basis;
            o.WriteLine(F($"recommend: target {b.TargetValue:0.#} (headroom {b.HeadroomFraction:0.#%}{(b.Conservative ? ", conservative" : "")}), rule of thumb {b.RuleOfThumbTarget:0.#}; capacity {r.RegisterScalableTarget.MinCapacity}–{r.RegisterScalableTarget.MaxCapacity}; {r.PutScalingPolicy.Count} policy(ies), {r.PutMetricAlarm.Count} alarm(s), {r.PutScheduledAction.Count} scheduled action(s)"));
        }
        foreach (var w in outcome.WhyNoRecommendation) o.WriteLine($"no recommendation: {w}");
        foreach (var w in a.Warnings) o.WriteLine($"warning: {w}");
        foreach (var w in outcome.Recommendation?.Warnings ?? []) o.WriteLine($"warning: {w}");
        foreach (var f in outcome.FilesWritten) o.WriteLine($"wrote {f}");
    }
}
