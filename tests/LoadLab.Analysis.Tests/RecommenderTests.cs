using LoadLab.Analysis.Recommend;
using LoadLab.Core.AwsApi;
using LoadLab.Core.AwsApi.Validation;
using LoadLab.Core.RunFiles;

namespace LoadLab.Analysis.Tests;

public class RecommenderTests
{
    private static double Truth(double x) => 40 + 8 * x / (600 - x);

    /// <summary>A saturated run with CPU figures, a three-day daily trace and every option set: the fullest recommendation.</summary>
    internal static RecommendationFile Full(string endpoint = "ep-test", StepScalingMode step = StepScalingMode.Always)
    {
        var steps = Synthetic.Steps([60, 120, 180, 240, 300, 360, 420, 480, 520, 550, 570, 590, 660], Truth, capacity: 600)
            .Select(s => s with { CpuPct = 5 + 0.15 * s.InvocationsPerInstancePerMin }).ToList();
        var run = Synthetic.Run(steps.Count, recommend: new RecommendInfo(PeakRps: 120, InstanceStartupS: 200, PricePerInstanceHourUsd: 0.23,
            GrowthFractionPerMin: null, MinCapacity: null, MaxCapacity: null)) with { Target = new RunTarget("sagemaker", endpoint, "AllTraffic", "us-east-1", null) };
        var analysis = Analyzer.Analyze(run, steps);
        var traffic = TrafficProfiler.FromTrace(DailyTrace(days: 3));
        return Recommender.Recommend(analysis, run, steps, traffic, new RecommenderOptions { StepScaling = step }, simulator: new LoadLab.Simulation.Checks.SimulatedPolicyCheck()).File!;
    }

    /// <summary>Per-minute counts: quiet nights (≈ 600/min), busy days peaking at ≈ 6600/min around 14:00 UTC, with noise.</summary>
    internal static MinuteTrace DailyTrace(int days)
    {
        var rng = new Random(5);
        var counts = Enumerable.Range(0, days * 1440).Select(m =>
        {
            double hour = m % 1440 / 60.0;
            double shape = Math.Max(0, Math.Cos((hour - 14) / 24 * 2 * Math.PI));
            return Math.Round((600 + 6000 * shape * shape) * (1 + 0.05 * (2 * rng.NextDouble() - 1)));
        }).ToList();
        return new MinuteTrace(counts, new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero), "daily.csv");
    }

    [Fact]
    public void Target_leaves_headroom_for_growth_during_the_reaction_time()
    {
        var steps = Synthetic.Steps([60, 120, 180, 240, 300, 360, 420, 480, 520, 550, 570, 590, 660], Truth, capacity: 600);
        var run = Synthetic.Run(steps.Count, recommend: new RecommendInfo(100, 240, null, 0.05, null, null));
        var a = Analyzer.Analyze(run, steps);
        var r = Recommender.Recommend(a, run, steps, simulator: new LoadLab.Simulation.Checks.SimulatedPolicyCheck()).File!;

        // Reaction 3 min + 240 s = 7 min; growth 5 %/min → 1.05^7 = 1.407 → headroom 1 − 1/1.407 = 28.9 %.
        Assert.Equal(7, r.Basis.ReactionMin);
        Assert.Equal(1 - 1 / Math.Pow(1.05, 7), r.Basis.HeadroomFraction, 3);
        var tt = r.PutScalingPolicy.Single().TargetTrackingScalingPolicyConfiguration!;
        Assert.Equal(Math.Round(a.SustainableIpm!.Value * (1 - r.Basis.HeadroomFraction), 1), tt.TargetValue, 1);
        Assert.Equal(ScalingConstants.InvocationsPerInstanceMetric, tt.PredefinedMetricSpecification!.PredefinedMetricType);
        Assert.Equal(240, tt.ScaleOutCooldown);
        // No trace: the scale-in cooldown is the one the simulated check chose on a synthetic day at the 100 req/s peak.
        Assert.Equal(r.Basis.SimulatedCheck!.ScaleInCooldownS, tt.ScaleInCooldown);
        Assert.StartsWith("a synthetic 2-day day/night profile (peak 100 req/s", r.Basis.SimulatedCheck.Traffic);
        // 100 req/s at target/60 per instance, N+1; at least 2.
        int need = (int)Math.Ceiling(100 / (tt.TargetValue / 60));
        Assert.Equal(need + 1, r.RegisterScalableTarget.MaxCapacity);
        Assert.Equal(2, r.RegisterScalableTarget.MinCapacity);
        Assert.Equal(Math.Round(a.MaxRpsPerInstance!.Value * 30, 1), r.Basis.RuleOfThumbTarget);
        Assert.Contains(r.Alternatives, x => x.Name == "aws-rule-of-thumb" && x.TargetValue == r.Basis.RuleOfThumbTarget);
        Assert.Empty(r.PutMetricAlarm); // 5 %/min, no spike phase: target tracking alone
        Assert.Empty(ScalingRequestValidator.Validate(r, "recommendation.json"));
    }

    [Fact]
    public void Never_saturated_runs_say_at_least_and_do_not_size_from_the_lower_bound()
    {
        var steps = Synthetic.Steps(Synthetic.Range(30, 300, 30), x => 40 + 0.05 * x);
        var run = Synthetic.Run(steps.Count, recommend: new RecommendInfo(50, 240, 0.5, 0.05, null, null));
        var a = Analyzer.Analyze(run, steps);
        Assert.True(a.SustainableIsLowerBound);
        Assert.Equal("none_reached", a.BindingConstraint);
        Assert.DoesNotContain(a.Warnings, w => w.Text.Contains("noisy"));   // flat is not noisy
        var r = Recommender.Recommend(a, run, steps, simulator: new LoadLab.Simulation.Checks.SimulatedPolicyCheck()).File!;

        Assert.True(r.Basis.SustainableIpmIsLowerBound);
        Assert.Equal(300, r.Basis.MeasuredSustainableIpm, 6);
        // One margin, the headroom: no further guess on top of it.
        var m = Assert.Single(r.Basis.Margins);
        Assert.StartsWith("headroom for scale-out time", m.Cause);
        Assert.Equal(Math.Round(300 * (1 - r.Basis.HeadroomFraction), 1), r.Basis.TargetValue, 1);
        Assert.Contains(r.Rationale, x => x.StartsWith("The endpoint sustains at least 300 invocations", StringComparison.Ordinal));
        Assert.Contains(r.Warnings, w => w.Text.Contains("at least 300 IPI"));
        // MaxCapacity from the rule of thumb (max passing 5 req/s × 0.5 × 60 = 150 IPI = 2.5 req/s per instance): 50 req/s needs 20, plus one.
        Assert.Equal(150, r.Basis.RuleOfThumbTarget, 1);
        Assert.Equal(21, r.RegisterScalableTarget.MaxCapacity);
        Assert.Contains(r.Rationale, x => x.Contains("sized from the AWS rule of thumb"));
        // No cost from a capacity that was never measured; the rationale says which run would give it.
        Assert.Null(r.Cost);
        Assert.Contains(r.Rationale, x => x.StartsWith("No cost: the run never reached", StringComparison.Ordinal) && x.Contains("10 req/s per instance"));
    }

    [Fact]
    public void Every_margin_is_taken_once_with_its_cause_and_the_total_is_shown()
    {
        // Noisy and uncertain: the target rests on the interval's low end, then the headroom; nothing else.
        var steps = Synthetic.Steps(Synthetic.Range(60, 570, 30), x => 40 + 8 * x / (600 - x), capacity: 600, noise: 0.6, seed: 3);
        var run = Synthetic.Run(steps.Count, recommend: new RecommendInfo(50, 240, null, 0.05, null, null));
        var a = Analyzer.Analyze(run, steps);
        Assert.True(a.Conservative);
        Assert.NotEmpty(a.RunAdvice);
        var r = Recommender.Recommend(a, run, steps, simulator: new LoadLab.Simulation.Checks.SimulatedPolicyCheck()).File!;

        var causes = r.Basis.Margins.Select(x => x.Cause.Split(':')[0]).ToList();
        Assert.Equal(causes.Distinct().Count(), causes.Count);
        Assert.True(causes.Take(2).SequenceEqual(["uncertainty", "headroom for scale-out time"]),
            $"{string.Join(" | ", causes)}; CI {a.SustainableIpmCiLow}–{a.SustainableIpmCiHigh} ({a.SustainableIpmCiMethod}) of {a.SustainableIpm}\n{string.Join("\n", a.Warnings)}");
        double product = r.Basis.Margins.Aggregate(1.0, (v, x) => v * (1 - x.Fraction));
        Assert.Equal(r.Basis.MeasuredSustainableIpm * product, r.Basis.TargetValue, 0);
        Assert.Equal(1 - r.Basis.TargetValue / r.Basis.MeasuredSustainableIpm, r.Basis.TotalMarginFraction, 3);
        Assert.Equal(a.SustainableIpmCiLow!.Value, r.Basis.SustainableIpm, 1);
        Assert.Contains(r.Rationale, x => x.StartsWith("Total margin: the target", StringComparison.Ordinal));
        Assert.Contains(r.Warnings, w => w.Text.Contains("too uncertain to trust") && w.Text.Contains(a.RunAdvice[0]));
    }

    [Fact]
    public void A_run_whose_interval_reaches_far_below_the_estimate_gets_no_target_but_the_run_it_needs()
    {
        // Very noisy steps: the interval's low end falls under half the estimate. A target from it would size a fleet
        // several times too large on a guess; the recommender refuses and passes on the analysis's run advice.
        var steps = Synthetic.Steps(Synthetic.Range(60, 570, 30), x => 40 + 8 * x / (600 - x), capacity: 600, noise: 0.6, seed: 3);
        var run = Synthetic.Run(steps.Count, recommend: new RecommendInfo(50, 240, null, 0.05, null, null));
        var a = Analyzer.Analyze(run, steps);
        Assert.True(a.Conservative);
        double ratio = a.SustainableIpmCiLow!.Value / a.SustainableIpm!.Value;
        var strict = Recommender.Recommend(a, run, steps, options: new RecommenderOptions { MinTrustedLowFraction = Math.Min(0.99, ratio + 0.01) }, simulator: new LoadLab.Simulation.Checks.SimulatedPolicyCheck());
        Assert.Null(strict.File);
        var why = Assert.Single(strict.WhyNot);
        Assert.Contains("too uncertain to size a fleet from", why);
        Assert.Contains(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{a.SustainableIpmCiLow:0.#}"), why);
        Assert.Contains(a.RunAdvice[0], why);
        // Just inside the bound, the same analysis still gets its conservative target.
        Assert.NotNull(Recommender.Recommend(a, run, steps, options: new RecommenderOptions { MinTrustedLowFraction = Math.Max(0, ratio - 0.01) }, simulator: new LoadLab.Simulation.Checks.SimulatedPolicyCheck()).File);
    }

    [Fact]
    public void A_default_startup_is_said_to_be_a_default()
    {
        var steps = Synthetic.Steps([60, 120, 180, 240, 300, 360, 420, 480, 520, 550, 570, 590, 660, 720], x => 40 + 8 * x / (600 - x), capacity: 600);
        var run = Synthetic.Run(steps.Count, recommend: new RecommendInfo(50, null, null, 0.05, null, null));
        var r = Recommender.Recommend(Analyzer.Analyze(run, steps), run, steps, simulator: new LoadLab.Simulation.Checks.SimulatedPolicyCheck()).File!;
        Assert.Equal("default", r.Basis.InstanceStartupSource);
        Assert.Equal(300, r.PutScalingPolicy[0].TargetTrackingScalingPolicyConfiguration!.ScaleOutCooldown);
        Assert.Contains(r.Rationale, x => x.StartsWith("ScaleOutCooldown 300 s", StringComparison.Ordinal) && x.Contains("a default and not a measurement"));
        Assert.Contains(r.Rationale, x => x.Contains("a 300 s default, not a measurement"));
    }

    [Fact]
    public void Full_recommendation_has_step_scaling_schedule_alternatives_and_cost()
    {
        var r = Full();
        Assert.Empty(ScalingRequestValidator.Validate(r, "recommendation.json"));
        var step = r.PutScalingPolicy.Single(p => p.PolicyType == PolicyTypes.StepScaling);
        var alarm = Assert.Single(r.PutMetricAlarm);
        Assert.Equal([RecommendationFile.PolicyArnPlaceholderPrefix + step.PolicyName], alarm.AlarmActions);
        Assert.Equal("InvocationsPerInstance", alarm.MetricName);
        Assert.Equal(r.Basis.SustainableIpm, alarm.Threshold!.Value, 1);
        var adj = step.StepScalingPolicyConfiguration!.StepAdjustments!;
        Assert.Equal(0, adj[0].MetricIntervalLowerBound);
        Assert.Null(adj[^1].MetricIntervalUpperBound);
        Assert.True(adj.Zip(adj.Skip(1)).All(p => p.First.ScalingAdjustment < p.Second.ScalingAdjustment));

        // Daily pattern: min raised before the 14:00 UTC peak's busy block, lowered after it.
        Assert.Equal(2, r.PutScheduledAction.Count);
        Assert.All(r.PutScheduledAction, a => Assert.StartsWith("cron(0 ", a.Schedule));
        var raise = r.PutScheduledAction.Single(a => a.ScheduledActionName.EndsWith("raise-min"));
        Assert.True(raise.ScalableTargetAction!.MinCapacity > r.RegisterScalableTarget.MinCapacity);

        Assert.Contains(r.Alternatives, a => a.Metric == ScalingConstants.ConcurrentRequestsHighResMetric && a.TargetValue > 0);
        var cpu = r.Alternatives.Single(a => a.Name == "cpu-utilization");
        Assert.Equal(Math.Round(5 + 0.15 * r.Basis.TargetValue, 1), cpu.TargetValue, 1);
        Assert.Equal("/aws/sagemaker/Endpoints", cpu.Request!.TargetTrackingScalingPolicyConfiguration!.CustomizedMetricSpecification!.Namespace);

        Assert.NotNull(r.Cost);
        Assert.Equal(Math.Round(0.23 / (r.Basis.TargetValue * 60) * 1e6, 4), r.Cost!.CostPerMillionInferencesAtTargetUsd);
        Assert.Contains("daily profile", r.Cost.Basis);
        Assert.True(r.Basis.GrowthFractionPerMin > 0);
        Assert.Contains("daily.csv", r.Basis.GrowthSource);
    }

    [Fact]
    public void Daily_pattern_needs_two_similar_days()
    {
        Assert.Null(TrafficProfiler.FromTrace(DailyTrace(days: 1)).HourlyRps);
        var flat = new MinuteTrace(Enumerable.Repeat(100.0, 3 * 1440).ToList(), null, "flat.csv");
        var p = TrafficProfiler.FromTrace(flat);
        Assert.Null(p.HourlyRps);
        Assert.Equal(0, p.GrowthPerMinute);
        Assert.Equal(24, TrafficProfiler.FromTrace(DailyTrace(days: 2)).HourlyRps!.Count);
    }

    [Fact]
    public void The_worldcup_trace_profiles_without_error()
    {
        var path = Path.Combine(FindRepoRoot(), "..", "shared", "traces", "worldcup98-requests-per-minute.csv");
        if (!File.Exists(path)) path = "/work/shared/traces/worldcup98-requests-per-minute.csv";
        var trace = TraceLocator.ReadCsv(path);
        var p = TrafficProfiler.FromTrace(trace);
        Assert.True(trace.CountsPerMinute.Count > 2880);
        Assert.NotNull(p.GrowthPerMinute);
        Assert.InRange(p.GrowthPerMinute!.Value, 0, 1);
        Assert.NotNull(p.MinuteVariability);
    }

    [Fact]
    public void No_sustainable_rate_means_no_recommendation_and_says_why()
    {
        var steps = Synthetic.Steps(Synthetic.Range(50, 400, 50), _ => 400);
        var run = Synthetic.Run(steps.Count);
        var a = Analyzer.Analyze(run, steps);
        var r = Recommender.Recommend(a, run, steps, simulator: new LoadLab.Simulation.Checks.SimulatedPolicyCheck());
        Assert.Null(r.File);
        Assert.Contains("not met even at the lowest load", Assert.Single(r.WhyNot));
    }

    private static string FindRepoRoot()
    {
        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (d is not null && !File.Exists(Path.Combine(d.FullName, "LoadLab.sln"))) d = d.Parent;
        return d?.FullName ?? "/work/main";
    }
}
