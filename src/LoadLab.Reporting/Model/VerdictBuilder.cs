using LoadLab.Core.AwsApi;
using LoadLab.Core.Findings;
using LoadLab.Core.RunFiles;

namespace LoadLab.Reporting.Model;

/// <summary>Derives the <see cref="Verdict"/> from the loaded files (pure).</summary>
public static class VerdictBuilder
{
    public static Verdict Build(ReportModel m)
    {
        var run = m.Run.Value;
        var thresholds = run?.Thresholds ?? [];
        string thresholdStatus = run is null ? "unknown"
            : thresholds.Count == 0 ? "no_thresholds"
            : thresholds.All(t => t.Passed) ? "pass" : "fail";
        // The closed-loop check is the policy tested the way production will use it: an SLO that did not hold fails the report.
        var closedLoop = m.Verify.Value is { } verify ? ClosedLoopSummary.From(verify, m.Verify.FileName) : null;
        var status = closedLoop is { SloHeld: false } ? "fail" : thresholdStatus;

        var warnings = new List<ReportWarning>();
        if (run is { Interrupted: true })
            warnings.Add(new("run.json", "The run was interrupted" + (run.InterruptReason is { } r ? $": {r}" : ".")) { Severity = Severity.Error, Code = "run.interrupted" });
        void AddAll(string source, IEnumerable<Finding>? items) => warnings.AddRange(ReportWarning.Group(source, items ?? []));
        AddAll("run.json", RunWarnings(run));
        AddAll("analysis.json", m.Analysis.Value?.Warnings);
        AddAll("recommendation.json", m.Recommendation.Value?.Warnings);
        AddAll("simulation.json", m.Simulation.Value?.Warnings);
        AddAll("metrics.json", m.Metrics.Value?.Warnings);
        AddAll(m.Verify.FileName, m.Verify.Value?.Warnings);

        var problems = new[]
            {
                Problem(m.Run), Problem(m.Timeline), Problem(m.Steps), Problem(m.Latency), Problem(m.Metrics),
                Problem(m.Analysis), Problem(m.Recommendation), Problem(m.Simulation),
                m.Verify.Missing ? null : Problem(m.Verify), // optional: only a corrupt one is a problem
                m.Baseline.Missing ? null : Problem(m.Baseline),
            }
            .OfType<ReportWarning>().ToList();

        return new Verdict
        {
            ToolVersion = m.ReportVersion,
            GeneratedUtc = m.GeneratedUtc,
            StartedUtc = run?.StartUtc,
            EndedUtc = run?.EndUtc,
            RunDirectory = Path.GetFullPath(m.RunDirectory),
            ScenarioName = run?.ScenarioName,
            Seed = run?.Seed,
            Status = status,
            ThresholdStatus = thresholdStatus,
            // An interrupted run measured less than it planned: whatever its thresholds say, it never passes as a whole run.
            Passed = status is "pass" or "no_thresholds" && run is not { Interrupted: true },
            Interrupted = run is { Interrupted: true },
            Scenario = run?.ScenarioName,
            Endpoint = m.Recommendation.Value?.Endpoint ?? run?.Target.Endpoint ?? m.Metrics.Value?.Endpoint,
            Variant = m.Recommendation.Value?.Variant ?? run?.Target.Variant ?? m.Metrics.Value?.Variant,
            Slo = m.Slo,
            SloCheck = SloCheck.From(m.Slo, m.Steps.Value),
            Thresholds = thresholds,
            Recommendation = Summarize(m.Recommendation.Value, m.Analysis.Value),
            ClosedLoop = closedLoop,
            Baseline = m.Baseline.Value is { } compared ? Baselines.BaselineSummary.From(compared) : null,
            Warnings = warnings,
            FileProblems = problems,
        };
    }

    /// <summary>Codes of run.json's own warnings, which it holds as sentences (the engine and the merge write them).</summary>
    public const string RunSamplingCode = "run.instance_sampling", MergeCode = "run.merge";

    /// <summary>
    /// run.json's warnings as findings. The engine writes only instance-sampling trouble there (DescribeEndpoint
    /// failed or gave no counts), the merge only shard-set trouble (a missing, interrupted or unfinished shard): both
    /// weaken figures the report shows, so both are warnings; identical sentences group.
    /// </summary>
    internal static IEnumerable<Finding> RunWarnings(RunInfo? run) =>
        run is null ? [] :
        [
            .. (run.Warnings ?? []).Select(w => Finding.Warning(RunSamplingCode, w)),
            .. (run.MergeWarnings ?? []).Select(w => Finding.Warning(MergeCode, w)),
        ];

    private static ReportWarning? Problem<T>(FileSection<T> f) where T : class =>
        f.Problem is { } p ? new ReportWarning(f.FileName, p) { Severity = Severity.Error, Code = "report.file_unavailable" } : null;

    public static RecommendationSummary? Summarize(RecommendationFile? r, AnalysisFile? a)
    {
        if (r is null) return null;
        var main = r.PutScalingPolicy.FirstOrDefault(p => p.PolicyType == PolicyTypes.TargetTrackingScaling)
                   ?? r.PutScalingPolicy.FirstOrDefault();
        var tt = main?.TargetTrackingScalingPolicyConfiguration;
        var band = SustainableBand.From(a);
        var step = main?.StepScalingPolicyConfiguration;
        return new RecommendationSummary
        {
            ResourceId = r.RegisterScalableTarget.ResourceId,
            PolicyName = main?.PolicyName,
            PolicyType = main?.PolicyType,
            Metric = tt?.PredefinedMetricSpecification?.PredefinedMetricType ?? tt?.CustomizedMetricSpecification?.MetricName,
            TargetValue = tt?.TargetValue ?? (r.Basis.TargetValue > 0 ? r.Basis.TargetValue : null),
            RuleOfThumbTarget = r.Basis.RuleOfThumbTarget > 0 ? r.Basis.RuleOfThumbTarget : null,
            ScaleOutCooldownS = tt?.ScaleOutCooldown ?? step?.Cooldown,
            ScaleInCooldownS = tt?.ScaleInCooldown,
            MinCapacity = r.RegisterScalableTarget.MinCapacity,
            MaxCapacity = r.RegisterScalableTarget.MaxCapacity,
            SustainableIpm = a?.SustainableIpm ?? (r.Basis.SustainableIpm > 0 ? r.Basis.SustainableIpm : null),
            SustainableIsLowerBound = a?.SustainableIsLowerBound ?? r.Basis.SustainableIpmIsLowerBound,
            SustainableIpmCiLow = band?.LowIpm,
            SustainableIpmCiHigh = band?.HighIpm,
            SustainableInterval = band,
            PricePerInstanceHourUsd = r.Cost?.PricePerInstanceHourUsd,
            CostPerHourAtPeakUsd = r.Cost?.CostPerHourAtPeakUsd,
            CostPerMillionInferencesUsd = r.Cost?.CostPerMillionInferencesAtTargetUsd,
            CostPerDayUsd = r.Cost?.CostPerDayUsd,
            StepPolicies = r.PutScalingPolicy.Count(p => p.PolicyType == PolicyTypes.StepScaling),
            ScheduledActions = r.PutScheduledAction.Count,
            Alarms = r.PutMetricAlarm.Count,
            Conservative = r.Basis.Conservative || a?.Conservative == true,
        };
    }
}
