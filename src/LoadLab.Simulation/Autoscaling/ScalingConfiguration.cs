using LoadLab.Core.AwsApi;
using LoadLab.Core.Errors;
using LoadLab.Core.RunFiles;
using LoadLab.Core.Scheduling;

namespace LoadLab.Simulation.Autoscaling;

/// <summary>
/// Everything the autoscaler model needs about one scalable target: capacity bounds, suspended state, policies and
/// scheduled actions. Built from the Application Auto Scaling requests (recommendation.json, or what the sim endpoint
/// reads back from Application Auto Scaling), so the simulator and the live emulation see the same thing.
/// </summary>
public sealed record ScalingConfiguration
{
    public required int MinCapacity { get; init; }
    public required int MaxCapacity { get; init; }
    public IReadOnlyList<PolicyModel> Policies { get; init; } = [];
    public IReadOnlyList<ScheduledActionModel> ScheduledActions { get; init; } = [];
    public bool DynamicScalingInSuspended { get; init; }
    public bool DynamicScalingOutSuspended { get; init; }
    public bool ScheduledScalingSuspended { get; init; }

    /// <summary>10 when any policy or alarm reads a high-resolution metric, else 60: the period the fleet must publish at.</summary>
    public int MetricPeriodS => Policies.Any(p => p switch
    {
        TargetTrackingPolicyModel t => t.PeriodS < 60,
        StepPolicyModel s => s.Alarm.PeriodS < 60,
        _ => false,
    }) ? 10 : 60;

    /// <summary>The first target-tracking policy's target, if any (used to size the initial fleet).</summary>
    public double? PrimaryTarget => Policies.OfType<TargetTrackingPolicyModel>().FirstOrDefault()?.TargetValue;

    /// <summary>A single target-tracking policy on InvocationsPerInstance: the shape the candidate sweep varies.</summary>
    public static ScalingConfiguration TargetTracking(int min, int max, double target, int scaleOutCooldownS = 300, int scaleInCooldownS = 300,
        bool disableScaleIn = false, string metric = SimMetrics.InvocationsPerInstance) => new()
    {
        MinCapacity = min,
        MaxCapacity = max,
        Policies = [new TargetTrackingPolicyModel("target-tracking", metric, target, scaleOutCooldownS, scaleInCooldownS, disableScaleIn)],
    };

    public static ScalingConfiguration FromRecommendation(RecommendationFile file, string source) =>
        FromRequests(file.RegisterScalableTarget, file.PutScalingPolicy, file.PutMetricAlarm, file.PutScheduledAction, source);

    /// <summary>
    /// Compiles the requests. Rejects (UserInputException, every problem at once, each naming its JSON path) what the
    /// model cannot run or AWS would refuse: unknown policy type, missing or inverted capacity bounds, a non-positive
    /// target, a step policy without its alarm, a metric the simulated fleet does not publish, a malformed schedule.
    /// </summary>
    public static ScalingConfiguration FromRequests(RegisterScalableTargetRequest? target, IReadOnlyList<PutScalingPolicyRequest> policies,
        IReadOnlyList<PutMetricAlarmRequest> alarms, IReadOnlyList<PutScheduledActionRequest> scheduled, string source)
    {
        var problems = new List<Problem>();
        void Add(string field, string message) => problems.Add(Problem.General(source, field, message));

        int min = 0, max = 0;
        if (target is null) Add("RegisterScalableTarget", "is required (MinCapacity and MaxCapacity bound every simulation)");
        else
        {
            if (target.MinCapacity is not { } mn) Add("RegisterScalableTarget.MinCapacity", "is required");
            else if (mn < 0) Add("RegisterScalableTarget.MinCapacity", $"must be >= 0, got {mn}");
            else min = mn;
            if (target.MaxCapacity is not { } mx) Add("RegisterScalableTarget.MaxCapacity", "is required");
            else if (mx < 1) Add("RegisterScalableTarget.MaxCapacity", $"must be >= 1, got {mx}");
            else max = mx;
            if (target.MinCapacity is { } a && target.MaxCapacity is { } b && a > b)
                Add("RegisterScalableTarget.MinCapacity", $"MinCapacity {a} is greater than MaxCapacity {b}");
        }

        var models = new List<PolicyModel>();
        for (var i = 0; i < policies.Count; i++)
        {
            var p = policies[i];
            var path = $"PutScalingPolicy[{i}]";
            switch (p.PolicyType)
            {
                case PolicyTypes.TargetTrackingScaling:
                    if (TargetTracking(p, path, Add) is { } tt) models.Add(tt);
                    break;
                case PolicyTypes.StepScaling:
                    if (Step(p, path, alarms, Add) is { } st) models.Add(st);
                    break;
                default:
                    Add($"{path}.PolicyType", $"unknown policy type '{p.PolicyType}' (expected {PolicyTypes.TargetTrackingScaling} or {PolicyTypes.StepScaling})");
                    break;
            }
        }

        var actions = new List<ScheduledActionModel>();
        for (var i = 0; i < scheduled.Count; i++)
        {
            var a = scheduled[i];
            var path = $"PutScheduledAction[{i}]";
            foreach (var prob in ScheduledActionRules.Check(a, source))
                problems.Add(prob with { Field = path + prob.Field[prob.Field.IndexOf('.')..] });
            var ta = a.ScalableTargetAction;
            if (ta?.MinCapacity is null && ta?.MaxCapacity is null)
                Add($"{path}.ScalableTargetAction", "needs MinCapacity and/or MaxCapacity");
            if (ta is { MinCapacity: { } smin, MaxCapacity: { } smax } && smin > smax)
                Add($"{path}.ScalableTargetAction.MinCapacity", $"MinCapacity {smin} is greater than MaxCapacity {smax}");
            if (ScheduleExpression.TryParse(a.Schedule, a.Timezone, out var expr, out _))
                actions.Add(new ScheduledActionModel(a.ScheduledActionName, expr!, a.StartTime, a.EndTime, ta?.MinCapacity, ta?.MaxCapacity));
        }

        if (problems.Count > 0) throw new UserInputException(problems);
        return new ScalingConfiguration
        {
            MinCapacity = min,
            MaxCapacity = max,
            Policies = models,
            ScheduledActions = actions,
            DynamicScalingInSuspended = target?.SuspendedState?.DynamicScalingInSuspended ?? false,
            DynamicScalingOutSuspended = target?.SuspendedState?.DynamicScalingOutSuspended ?? false,
            ScheduledScalingSuspended = target?.SuspendedState?.ScheduledScalingSuspended ?? false,
        };
    }

    private static TargetTrackingPolicyModel? TargetTracking(PutScalingPolicyRequest p, string path, Action<string, string> add)
    {
        var c = p.TargetTrackingScalingPolicyConfiguration;
        if (c is null)
        {
            add($"{path}.TargetTrackingScalingPolicyConfiguration", "is required for a TargetTrackingScaling policy");
            return null;
        }
        var ok = true;
        if (!(c.TargetValue > 0) || double.IsInfinity(c.TargetValue))
        {
            add($"{path}.TargetTrackingScalingPolicyConfiguration.TargetValue", $"must be a positive number, got {c.TargetValue}");
            ok = false;
        }
        string? metric = null;
        if (c.PredefinedMetricSpecification is { } pre)
        {
            metric = pre.PredefinedMetricType switch
            {
                ScalingConstants.InvocationsPerInstanceMetric => SimMetrics.InvocationsPerInstance,
                ScalingConstants.ConcurrentRequestsHighResMetric => SimMetrics.ConcurrentRequestsPerModel,
                _ => null,
            };
            if (metric is null)
                add($"{path}.TargetTrackingScalingPolicyConfiguration.PredefinedMetricSpecification.PredefinedMetricType",
                    $"'{pre.PredefinedMetricType}' cannot be simulated (LoadLab simulates {ScalingConstants.InvocationsPerInstanceMetric} and {ScalingConstants.ConcurrentRequestsHighResMetric})");
        }
        else if (c.CustomizedMetricSpecification is { } cus)
        {
            metric = SimMetrics.All.FirstOrDefault(m => m == cus.MetricName);
            if (metric is null)
                add($"{path}.TargetTrackingScalingPolicyConfiguration.CustomizedMetricSpecification.MetricName",
                    $"'{cus.MetricName}' cannot be simulated (the simulated fleet publishes {string.Join(", ", SimMetrics.All)})");
        }
        else add($"{path}.TargetTrackingScalingPolicyConfiguration", "needs PredefinedMetricSpecification or CustomizedMetricSpecification");
        foreach (var (name, v) in new[] { ("ScaleOutCooldown", c.ScaleOutCooldown), ("ScaleInCooldown", c.ScaleInCooldown) })
            if (v is < 0)
            {
                add($"{path}.TargetTrackingScalingPolicyConfiguration.{name}", $"must be >= 0 seconds, got {v}");
                ok = false;
            }
        if (!ok || metric is null) return null;
        return new TargetTrackingPolicyModel(p.PolicyName, metric, c.TargetValue,
            c.ScaleOutCooldown ?? TargetTrackingPolicyModel.DefaultCooldownS, c.ScaleInCooldown ?? TargetTrackingPolicyModel.DefaultCooldownS,
            c.DisableScaleIn ?? false);
    }

    private static StepPolicyModel? Step(PutScalingPolicyRequest p, string path, IReadOnlyList<PutMetricAlarmRequest> alarms, Action<string, string> add)
    {
        var c = p.StepScalingPolicyConfiguration;
        if (c is null)
        {
            add($"{path}.StepScalingPolicyConfiguration", "is required for a StepScaling policy");
            return null;
        }
        var cp = $"{path}.StepScalingPolicyConfiguration";
        var ok = true;
        var adjType = c.AdjustmentType ?? "";
        if (adjType is not (AdjustmentTypes.ChangeInCapacity or AdjustmentTypes.ExactCapacity or AdjustmentTypes.PercentChangeInCapacity))
        {
            add($"{cp}.AdjustmentType", $"must be ChangeInCapacity, ExactCapacity or PercentChangeInCapacity, got '{c.AdjustmentType}'");
            ok = false;
        }
        var steps = c.StepAdjustments ?? [];
        if (steps.Count == 0) { add($"{cp}.StepAdjustments", "needs at least one step"); ok = false; }
        var ordered = steps.OrderBy(s => s.MetricIntervalLowerBound ?? double.NegativeInfinity).ToList();
        for (var i = 1; i < ordered.Count; i++)
            if ((ordered[i - 1].MetricIntervalUpperBound ?? double.PositiveInfinity) != (ordered[i].MetricIntervalLowerBound ?? double.NegativeInfinity))
            {
                add($"{cp}.StepAdjustments", "steps must not overlap or leave gaps (each upper bound equals the next lower bound)");
                ok = false;
                break;
            }
        if (c.MinAdjustmentMagnitude is { } mam && (mam < 1 || adjType != AdjustmentTypes.PercentChangeInCapacity))
        {
            add($"{cp}.MinAdjustmentMagnitude", "applies only to PercentChangeInCapacity and must be >= 1");
            ok = false;
        }
        var agg = (c.MetricAggregationType ?? "Average") switch
        {
            "Average" => AlarmStatistic.Average,
            "Minimum" => AlarmStatistic.Minimum,
            "Maximum" => AlarmStatistic.Maximum,
            var other => Fail(other),
        };
        AlarmStatistic Fail(string v)
        {
            add($"{cp}.MetricAggregationType", $"must be Average, Minimum or Maximum, got '{v}'");
            ok = false;
            return AlarmStatistic.Average;
        }

        var action = RecommendationFile.PolicyArnPlaceholderPrefix + p.PolicyName;
        var alarmIndex = -1;
        for (var i = 0; i < alarms.Count; i++)
            if (alarms[i].AlarmActions?.Any(a => a == action || a.EndsWith(":policyName/" + p.PolicyName, StringComparison.Ordinal)) == true) { alarmIndex = i; break; }
        if (alarmIndex < 0)
        {
            add($"{path}.PolicyName", $"step policy '{p.PolicyName}' has no PutMetricAlarm whose AlarmActions name it ('{action}')");
            return null;
        }
        var alarm = CompileAlarm(alarms[alarmIndex], $"PutMetricAlarm[{alarmIndex}]", add);
        if (!ok || alarm is null) return null;
        return new StepPolicyModel(p.PolicyName, alarm, adjType, ordered, c.MinAdjustmentMagnitude, c.Cooldown ?? TargetTrackingPolicyModel.DefaultCooldownS, agg);
    }

    /// <summary>Compiles a CloudWatch alarm on one of the simulated metrics.</summary>
    public static AlarmSpec? CompileAlarm(PutMetricAlarmRequest a, string path, Action<string, string> add)
    {
        var ok = true;
        var metric = SimMetrics.All.FirstOrDefault(m => m == a.MetricName);
        if (metric is null)
        {
            add($"{path}.MetricName", $"'{a.MetricName}' cannot be simulated (the simulated fleet publishes {string.Join(", ", SimMetrics.All)})");
            ok = false;
        }
        var stat = a.Statistic switch
        {
            "Average" or null => AlarmStatistic.Average,
            "Sum" => AlarmStatistic.Sum,
            "Minimum" => AlarmStatistic.Minimum,
            "Maximum" => AlarmStatistic.Maximum,
            "SampleCount" => AlarmStatistic.SampleCount,
            _ => (AlarmStatistic)(-1),
        };
        if ((int)stat < 0) { add($"{path}.Statistic", $"'{a.Statistic}' is not Average, Sum, Minimum, Maximum or SampleCount"); ok = false; }
        if (!Enum.TryParse<AlarmComparison>(a.ComparisonOperator, out var cmp) || !Enum.IsDefined(cmp))
        { add($"{path}.ComparisonOperator", $"'{a.ComparisonOperator}' is not a static comparison operator"); ok = false; }
        if (a.Threshold is null) { add($"{path}.Threshold", "is required"); ok = false; }
        var period = a.Period ?? 60;
        if (period is not (10 or 30) && (period < 60 || period % 60 != 0)) { add($"{path}.Period", $"must be 10, 30 or a multiple of 60 seconds, got {period}"); ok = false; }
        if (metric is not null && period < SimMetrics.PeriodS(metric)) { add($"{path}.Period", $"{metric} is published every {SimMetrics.PeriodS(metric)} s; a {period} s period never fills"); ok = false; }
        if (a.EvaluationPeriods < 1) { add($"{path}.EvaluationPeriods", "must be >= 1"); ok = false; }
        var m = a.DatapointsToAlarm ?? a.EvaluationPeriods;
        if (m < 1 || m > a.EvaluationPeriods) { add($"{path}.DatapointsToAlarm", $"must be between 1 and EvaluationPeriods ({a.EvaluationPeriods}), got {m}"); ok = false; }
        return ok ? new AlarmSpec(a.AlarmName, metric!, period, stat, a.EvaluationPeriods, m, a.Threshold!.Value, cmp) : null;
    }
}
