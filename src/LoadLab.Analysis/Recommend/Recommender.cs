using LoadLab.Core.AwsApi;
using LoadLab.Core.AwsApi.Validation;
using LoadLab.Core.Ports;
using LoadLab.Core.Findings;
using LoadLab.Core.RunFiles;
using MathNet.Numerics;
using LoadLab.Analysis.Steps;
using static LoadLab.Analysis.Analyzer;

namespace LoadLab.Analysis.Recommend;

/// <summary>The recommendation, or why there is none (nothing sustainable was found).</summary>
public sealed record RecommendationResult(RecommendationFile? File, IReadOnlyList<string> WhyNot);

/// <summary>
/// From <c>analysis.json</c> to <c>recommendation.json</c>: Application Auto Scaling requests field for field.
/// Target tracking on SageMakerVariantInvocationsPerInstance whose target leaves room for the traffic's growth during
/// the scale-out reaction time; cooldowns from startup and variability; capacity bounds from the peak (N+1);
/// optional step scaling with its alarm; scheduled actions for a daily pattern; cost. Pure.
/// </summary>
public static class Recommender
{
    internal const string SageMakerNamespace = "AWS/SageMaker", EndpointNamespace = "/aws/sagemaker/Endpoints";

    public static RecommendationResult Recommend(AnalysisFile analysis, RunInfo run, IReadOnlyList<StepRow> steps,
        TrafficProfile? traffic = null, RecommenderOptions? options = null, ISimulatedCheck? simulator = null)
    {
        var o = (options ?? new RecommenderOptions()).Validate();
        traffic ??= TrafficProfile.Unknown;
        var rec = run.Recommend;
        if (analysis.SustainableIpm is not > 0)
            return new RecommendationResult(null, [analysis.SustainableIpm is 0
                ? "the SLO is not met even at the lowest load tested: no scaling target can meet it"
                : "no sustainable invocations-per-instance figure could be derived from the run (see analysis.json warnings)"]);

        var rationale = new List<string>();
        var warnings = new List<Finding>();
        string endpoint = run.Target.Endpoint ?? run.ScenarioName, variant = run.Target.Variant ?? "AllTraffic";
        if (run.Target.Endpoint is null)
            warnings.Add(Finding.Warning(AnalysisCodes.NotSageMaker, $"the run's target is not a SageMaker endpoint: requests name endpoint '{endpoint}' (the scenario name); edit before applying"));
        string resourceId = ScalingConstants.VariantResourceId(endpoint, variant);

        // Sustainable basis: the point estimate, or its interval's low end when the analysis is uncertain. Each cut
        // from here to the target is one margin with one cause, recorded once; none is stacked on another for the same cause.
        double measured = analysis.SustainableIpm.Value;
        bool conservative = analysis.Conservative;
        bool lowerBound = analysis.SustainableIsLowerBound;
        if (conservative && !lowerBound && analysis.SustainableIpmCiLow is { } trustedLow && trustedLow < o.MinTrustedLowFraction * measured)
            return new RecommendationResult(null, [F("the run is too uncertain to size a fleet from: the sustainable load's 95 % interval runs from {0:0.#} to {1:0.#} IPI "
                + "around an estimate of {2:0.#}, and a target from its low end would be a guess, not a measurement. {3}",
                trustedLow, analysis.SustainableIpmCiHigh ?? measured, measured,
                analysis.RunAdvice.Count > 0 ? "To settle it: " + string.Join("; ", analysis.RunAdvice) + "." : "Run again with longer holds or more steps.")]);
        var margins = new MarginLedger(measured);
        string atLeast = lowerBound ? "at least " : "";
        rationale.Add(F("The endpoint sustains {0}{1:0.#} invocations per instance per minute while p{2:0.##} latency stays ≤ {3:0.#} ms and errors ≤ {4:0.###%}{5}.",
            atLeast, measured, analysis.JudgedPercentile ?? analysis.Slo.LatencyPercentile, analysis.Slo.LatencyMs, analysis.Slo.MaxErrorRateFraction,
            lowerBound ? F(" (a lower bound: every step up to {0:0.#} met the SLO, so the limit lies higher, untested)", measured)
            : analysis.SustainableIpmCiLow is { } l && analysis.SustainableIpmCiHigh is { } h ? F(" (95 % CI {0:0.#}–{1:0.#}, {2})", l, h, CiMethodWords(analysis)) : ""));
        if (conservative && !lowerBound && analysis.SustainableIpmCiLow is { } ciLo && ciLo < measured)
            margins.Cut(1 - ciLo / measured, F("uncertainty: the 95 % interval's low end {0:0.#} instead of the estimate {1:0.#} (few steps, noisy latency or a wide interval: analysis.json's warnings say which)",
                ciLo, measured));
        double sustainable = margins.Value;
        if (lowerBound)
            warnings.Add(Finding.Warning(AnalysisCodes.LimitNotReached, F("the run never reached the endpoint's limit: it sustains at least {0:0.#} IPI. The target keeps only the scale-out headroom below that, "
                           + "and the capacity bounds come from the rule of thumb; a ladder past the limit would measure what both need", measured)));
        else if (conservative)
        {
            warnings.Add(Finding.Warning(AnalysisCodes.TooUncertain, "the run is too uncertain to trust fully; the target rests on the interval's low end, with no further guess: "
                         + (analysis.RunAdvice.Count > 0 ? string.Join("; ", analysis.RunAdvice) : "run again with longer holds or more steps")));
        }

        if (analysis.Arrivals is { } arrivals)
            rationale.Add(arrivals == StepArrivals.Poisson
                ? "That limit holds for Poisson arrivals (random, as production traffic arrives), which is how the steps were sent."
                : F("That limit was measured under {0} arrivals, not Poisson: production traffic arrives at random and queues more, so it may be optimistic.", arrivals));

        // Reaction time and growth → headroom.
        double startupS = rec?.InstanceStartupS is { } optStartup && !analysis.InstanceStartupMeasured ? optStartup : analysis.InstanceStartupS ?? 300;
        bool startupMeasured = analysis.InstanceStartupMeasured;
        string startupSource = startupMeasured ? "measured" : rec?.InstanceStartupS is not null ? "scenario" : "default";
        string startupWhy = startupSource switch
        {
            "measured" => "measured when the endpoint scaled during the run",
            "scenario" => "the scenario's instanceStartup",
            _ => F("a {0:0} s default, not a measurement: the run did not scale and the scenario gives no recommend.instanceStartup", startupS),
        };
        double reactionMin = o.ReactionDatapoints + startupS / 60;
        var (growth, growthSource) = rec?.GrowthFractionPerMin is { } gOpt ? (gOpt, "the scenario's recommend.growthPerMinute")
            : traffic.GrowthPerMinute is { } gTr ? (gTr, traffic.GrowthSource ?? "the traffic profile")
            : (o.DefaultGrowthPerMinute, F("a default of {0:0.#%}/min (no growthPerMinute option, no trace, no ramps in the run)", o.DefaultGrowthPerMinute));
        double rawHeadroom = 1 - 1 / Math.Pow(1 + growth, reactionMin);
        double headroom = Math.Clamp(rawHeadroom, o.MinHeadroom, o.MaxHeadroom);
        rationale.Add(F("Scale-out reacts in about {0:0.#} min ({1} one-minute datapoints above target, plus {2:0} s instance startup, {3}). "
                        + "Traffic growing {4:0.#%}/min ({5}) rises {6:0.#%} in that time, so the target keeps {7:0.#%} headroom below the sustainable rate.",
            reactionMin, o.ReactionDatapoints, startupS, startupWhy, growth, growthSource, Math.Pow(1 + growth, reactionMin) - 1, headroom));
        if (rawHeadroom > o.MaxHeadroom)
            warnings.Add(Finding.Warning(AnalysisCodes.HeadroomCapped, F("traffic can grow faster than target tracking reacts (would need {0:0.#%} headroom; capped at {1:0.#%}): the step-scaling policy covers the spikes", rawHeadroom, o.MaxHeadroom)));
        margins.Cut(headroom, F("headroom for scale-out time: traffic growth of {0:0.#%}/min over {1:0.#} min of reaction ({2:0} s startup, {3})",
            growth, reactionMin, startupS, startupSource == "default" ? "a default" : startupSource));
        double target = Math.Max(0.1, Math.Round(margins.Value, 1));
        double ruleOfThumb = analysis.MaxRpsPerInstance is { } mr ? Math.Round(mr * 0.5 * 60, 1) : 0;

        // Cooldowns.
        int scaleOut = RoundUp30(Math.Max(60, startupS));
        rationale.Add(F("ScaleOutCooldown {0} s: about one instance startup{1}, so a second scale-out waits for the first to take traffic (a larger one still goes through).", scaleOut,
            startupSource == "default" ? F(" ({0:0} s, a default and not a measurement: set recommend.instanceStartup, or run a ladder that makes the endpoint scale)", startupS) : ""));
        double variability = traffic.MinuteVariability ?? 0;
        int scaleIn = Math.Clamp(RoundUp30(300 * (1 + 3 * variability)), 300, 3600);
        rationale.Add(traffic.MinuteVariability is { } v
            ? F("ScaleInCooldown {0} s: minute-to-minute traffic varies by {1:0.#%} (s.d.), so scale-in waits longer than the AWS default to avoid flapping.", scaleIn, v)
            : F("ScaleInCooldown {0} s: the AWS default; no trace or ramp showed how variable the traffic is.", scaleIn));

        // The simulator on the traffic: a scale-in cooldown that does not flap, a target that holds the SLO.
        // A lower bound is not the capacity: the fleet is sized from the AWS rule of thumb instead of from it.
        double Sizing(double t) => lowerBound && ruleOfThumb > 0 ? ruleOfThumb : t;
        (int, int) Bounds(double t) { var b = CapacityBounds.For(rec, traffic, steps, Sizing(t), o.Production); return (b.Min, b.Max); }
        // A ladder run's own minutes are too few to show flapping: check on a synthetic day at the expected peak instead.
        double? expectedPeakRps = rec?.PeakRps ?? traffic.PeakRps ?? steps.Where(s => double.IsFinite(s.AchievedRps)).Select(s => (double?)s.AchievedRps).Max();
        var checkTraffic = SyntheticDiurnalTraffic.ForCheck(traffic, expectedPeakRps, o.SimulatedCheck);
        var check = SimulatedCheck.Run(simulator, analysis, checkTraffic, target, scaleOut, scaleIn, Bounds, startupS, ruleOfThumb, o.SimulatedCheck);
        if (check.Target < target)
            margins.Cut(1 - check.Target / target, F("the simulated check: target {0:0.#} violated the SLO on {1} more often than allowed", target, check.Basis?.Traffic ?? "the traffic"));
        (scaleIn, target) = (check.ScaleInCooldownS, check.Target);
        rationale.AddRange(check.Rationale);
        warnings.AddRange(check.Warnings);
        double rpsAtTarget = target / 60;

        // Capacity bounds.
        var bounds = CapacityBounds.For(rec, traffic, steps, Sizing(target), o.Production);
        var (min, max, atPeak, peakRps) = (bounds.Min, bounds.Max, bounds.AtPeak, bounds.PeakRps);
        warnings.AddRange(bounds.Warnings);
        if (lowerBound && ruleOfThumb > 0)
            rationale.Add(F("Capacity bounds are sized from the AWS rule of thumb ({0:0.#} IPI), not from the target: the run never reached the endpoint's limit, "
                            + "so the target's {1}{2:0.#} is a lower bound and sizing from it would claim a capacity that was not measured.", ruleOfThumb, atLeast, measured));
        rationale.AddRange(bounds.Rationale);

        string ipiPolicyName = $"{o.NamePrefix}-invocations-per-instance-target";
        var policies = new List<PutScalingPolicyRequest>
        {
            TargetTracking(ipiPolicyName, resourceId, target, ScalingConstants.InvocationsPerInstanceMetric, null, scaleOut, scaleIn),
        };
        var alarms = new List<PutMetricAlarmRequest>();

        // Step scaling for spikes faster than target tracking.
        bool spikePhase = run.Phases.Any(p => string.Equals(p.Shape, "spike", StringComparison.OrdinalIgnoreCase));
        bool wantStep = o.StepScaling switch
        {
            StepScalingMode.Always => true,
            StepScalingMode.Never => false,
            _ => growth > o.StepScalingGrowthThreshold || spikePhase || rawHeadroom > o.MaxHeadroom,
        };
        if (wantStep)
        {
            var (policy, alarm) = SpikeAndSchedule.StepPolicy(o, endpoint, variant, resourceId, sustainable, target, scaleOut);
            policies.Add(policy);
            alarms.Add(alarm);
            rationale.Add(F("Step scaling: when a minute's invocations per instance reach the sustainable {0:0.#}, add capacity at once in proportion to the excess "
                            + "(one datapoint instead of three), for spikes faster than target tracking follows{1}.",
                sustainable, spikePhase ? "; the run had a spike phase" : F("; traffic can grow {0:0.#%}/min", growth)));
        }

        // Scheduled actions for a daily pattern.
        var scheduled = new List<PutScheduledActionRequest>();
        if (traffic.HourlyRps is { Count: 24 } hourly)
            scheduled.AddRange(SpikeAndSchedule.DailySchedule(o, resourceId, hourly, rpsAtTarget, min, max, rationale));

        // Alternatives.
        var alternatives = new List<PolicyAlternative>();
        if (ruleOfThumb > 0)
        {
            alternatives.Add(new PolicyAlternative("aws-rule-of-thumb", ScalingConstants.InvocationsPerInstanceMetric, ruleOfThumb,
                F("AWS's rule of thumb: max RPS per instance ({0:0.##}) × 0.5 × 60. {1}", analysis.MaxRpsPerInstance,
                    ruleOfThumb < target ? "More cautious than LoadLab's target: more instances, fewer SLO risks." : "Less cautious than LoadLab's target."),
                TargetTracking($"{o.NamePrefix}-rule-of-thumb-target", resourceId, ruleOfThumb, ScalingConstants.InvocationsPerInstanceMetric, null, scaleOut, scaleIn)));
            rationale.Add(F("The AWS rule of thumb gives {0:0.#}; LoadLab's {1:0.#} comes from the measured latency curve and the growth headroom.", ruleOfThumb, target));
        }
        if (ConcurrencyAt(steps, target) is { } conc)
            alternatives.Add(new PolicyAlternative("concurrency-high-resolution", ScalingConstants.ConcurrentRequestsHighResMetric, conc,
                "Concurrent requests per model at the target rate (Little's law: rate per instance × median latency there). High-resolution (10 s) metric: reacts faster than invocations per instance.",
                TargetTracking($"{o.NamePrefix}-concurrency-target", resourceId, conc, ScalingConstants.ConcurrentRequestsHighResMetric, null, scaleOut, scaleIn)));
        if (CpuAt(steps, target, out var cpuNote) is { } cpu)
            alternatives.Add(new PolicyAlternative("cpu-utilization", "CPUUtilization", cpu,
                "CPU utilization (Average, /aws/sagemaker/Endpoints; 100 % per core) at the target rate, from a line fitted to the steps' CPU. " + cpuNote,
                TargetTracking($"{o.NamePrefix}-cpu-target", resourceId, cpu, null, new CustomizedMetricSpecification
                {
                    MetricName = "CPUUtilization", Namespace = EndpointNamespace, Statistic = "Average", Unit = "Percent",
                    Dimensions = ScalingConstants.VariantDimensions(endpoint, variant),
                }, scaleOut, scaleIn)));
        else rationale.Add("No CPU alternative: " + cpuNote);

        // Cost.
        CostEstimate? cost = null;
        if (lowerBound && rec?.PricePerInstanceHourUsd is > 0)
            rationale.Add(F("No cost: the run never reached the endpoint's limit (every step up to {0:0.#} IPI met the SLO), so the instances a peak needs are unknown. "
                            + "A ladder that goes past the limit (e.g. up to {1:0} req/s per instance, twice the highest tested) gives the capacity the cost rests on.", measured, 2 * measured / 60));
        else if (rec?.PricePerInstanceHourUsd is { } price && price > 0)
        {
            double? hoursPerDay; string basis;
            if (traffic.HourlyRps is { Count: 24 } hr)
            {
                hoursPerDay = hr.Sum(r => Math.Clamp(Math.Ceiling(r / rpsAtTarget), min, max));
                basis = "instance-hours a day from the trace's daily profile at the target";
            }
            else
            {
                double peakHours = o.AssumedPeakHoursPerDay;
                hoursPerDay = Math.Min(atPeak, max) * peakHours + min * (24 - peakHours);
                basis = F("assumes {0:0} peak hours a day at the peak instance count and MinCapacity otherwise", peakHours);
            }
            cost = new CostEstimate(price, Math.Min(atPeak, max), min, Math.Round(price * Math.Min(atPeak, max), 4),
                Math.Round(price / (target * 60) * 1e6, 4))
            { InstanceHoursPerDay = hoursPerDay, CostPerDayUsd = Math.Round(price * hoursPerDay.Value, 2), Basis = basis };
            rationale.Add(F("At the target one instance serves {0:0} inferences an hour: {1:0.####} per million inferences at {2} per instance-hour.",
                target * 60, cost.CostPerMillionInferencesAtTargetUsd, price));
        }
        else rationale.Add("No cost: the scenario gives no recommend.pricePerInstanceHour.");

        rationale.Add(margins.Summary(target));

        var file = new RecommendationFile
        {
            Endpoint = endpoint,
            Variant = variant,
            RegisterScalableTarget = new RegisterScalableTargetRequest { ResourceId = resourceId, MinCapacity = min, MaxCapacity = max },
            PutScalingPolicy = policies,
            PutMetricAlarm = alarms,
            PutScheduledAction = scheduled,
            Basis = new RecommendationBasis
            {
                SustainableIpm = Math.Round(sustainable, 2), HeadroomFraction = Math.Round(headroom, 4), TargetValue = target,
                MeasuredSustainableIpm = Math.Round(measured, 2), SustainableIpmIsLowerBound = lowerBound, InstanceStartupSource = startupSource,
                Margins = margins.Items, TotalMarginFraction = Math.Round(1 - target / measured, 4),
                RuleOfThumbTarget = ruleOfThumb, MaxRpsPerInstance = analysis.MaxRpsPerInstance ?? 0,
                InstanceStartupS = startupS, Conservative = conservative, PeakRps = peakRps is { } p2 ? Math.Round(p2, 3) : null,
                GrowthFractionPerMin = Math.Round(growth, 4), GrowthSource = growthSource, ReactionMin = Math.Round(reactionMin, 2),
                InstanceStartupMeasured = startupMeasured, RpsPerInstanceAtTarget = Math.Round(rpsAtTarget, 4),
                SimulatedCheck = check.Basis,
            },
            Alternatives = alternatives,
            Cost = cost,
            Rationale = rationale,
            Warnings = warnings,
        };
        // Validate what AWS validates, so a bad request is caught here and not at apply time.
        var problems = ScalingRequestValidator.Validate(file, "recommendation.json");
        if (problems.Count > 0) file = file with { Warnings = [.. warnings, .. problems.Select(p => Finding.Error(AnalysisCodes.AwsWouldReject, "AWS would reject: " + p))] };
        return new RecommendationResult(file, []);
    }

    private static string CiMethodWords(AnalysisFile a) => a.SustainableIpmCiMethod switch
    {
        "step_bracket" => "the measured steps the limit lies between",
        "outcome_bootstrap" => F("resampled from every step's requests, seed {0}", a.BootstrapSeed),
        _ => F("seed {0}", a.BootstrapSeed),
    };

    private static PutScalingPolicyRequest TargetTracking(string name, string resourceId, double target, string? predefined,
        CustomizedMetricSpecification? custom, int scaleOut, int scaleIn) => new()
    {
        PolicyName = name,
        ResourceId = resourceId,
        PolicyType = PolicyTypes.TargetTrackingScaling,
        TargetTrackingScalingPolicyConfiguration = new TargetTrackingScalingPolicyConfiguration
        {
            TargetValue = target,
            PredefinedMetricSpecification = predefined is null ? null : new PredefinedMetricSpecification { PredefinedMetricType = predefined },
            CustomizedMetricSpecification = custom,
            ScaleOutCooldown = scaleOut,
            ScaleInCooldown = scaleIn,
        },
    };

    /// <summary>Per-instance concurrency at the target IPI by Little's law, with the median latency interpolated between steps.</summary>
    private static double? ConcurrencyAt(IReadOnlyList<StepRow> steps, double targetIpm)
    {
        var pts = steps.Where(s => s.InvocationsPerInstancePerMin is > 0 && double.IsFinite(s.ClientP50Ms) && s.ClientP50Ms > 0)
            .Select(s => (X: s.InvocationsPerInstancePerMin!.Value, Y: s.ClientP50Ms)).OrderBy(p => p.X).ToList();
        if (pts.Count == 0) return null;
        double lat = Interpolate(pts, targetIpm);
        return Math.Max(0.1, Math.Round(targetIpm / 60 * lat / 1000, 2));
    }

    private static double? CpuAt(IReadOnlyList<StepRow> steps, double targetIpm, out string note)
    {
        var pts = steps.Where(s => s.InvocationsPerInstancePerMin is > 0 && s.CpuPct is { } c && double.IsFinite(c))
            .Select(s => (X: s.InvocationsPerInstancePerMin!.Value, Y: s.CpuPct!.Value)).ToList();
        if (pts.Count < 3) { note = "fewer than three steps have CPU figures (metrics.json without CPUUtilization)."; return null; }
        var x = pts.Select(p => p.X).ToArray();
        var y = pts.Select(p => p.Y).ToArray();
        var (a, b) = Fit.Line(x, y);
        double r2 = GoodnessOfFit.RSquared(x.Select(v => a + b * v), y);
        if (!(b > 0) || !(r2 >= 0.5)) { note = F("CPU does not track load (slope {0:0.###} %/IPI, R² {1:0.##}).", b, r2); return null; }
        note = F("CPU ≈ {0:0.##} + {1:0.####} × IPI (R² {2:0.##}).", a, b, r2);
        double v = Math.Round(a + b * targetIpm, 1);
        return v > 0 ? v : null;
    }

    private static double Interpolate(List<(double X, double Y)> pts, double x)
    {
        if (x <= pts[0].X) return pts[0].Y;
        if (x >= pts[^1].X) return pts[^1].Y;
        for (int i = 1; i < pts.Count; i++)
            if (x <= pts[i].X)
            {
                var (p, q) = (pts[i - 1], pts[i]);
                return q.X == p.X ? q.Y : p.Y + (q.Y - p.Y) * (x - p.X) / (q.X - p.X);
            }
        return pts[^1].Y;
    }

    private static int RoundUp30(double seconds) => (int)(Math.Ceiling(seconds / 30) * 30);
}
