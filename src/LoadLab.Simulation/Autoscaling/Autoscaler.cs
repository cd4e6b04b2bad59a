using LoadLab.Core.AwsApi;

namespace LoadLab.Simulation.Autoscaling;

/// <summary>One published datapoint: the metric's value for the period starting at <see cref="PeriodStartUtc"/>; null = nothing published.</summary>
public readonly record struct MetricDatapoint(string MetricName, DateTimeOffset PeriodStartUtc, double? Value);

/// <summary>What the autoscaler may know about the fleet: instances in service, and whether the endpoint is Updating.</summary>
public readonly record struct FleetView(int InService, bool Updating);

public enum ScalingDirection { ScaleOut, ScaleIn, Scheduled }

/// <summary>A change of desired capacity, with the policy (or scheduled action) that caused it and why.</summary>
public sealed record ScalingActivity(DateTimeOffset TimeUtc, ScalingDirection Direction, int From, int To, string Source, string Cause);

/// <summary>Result of one <see cref="Autoscaler.Evaluate"/>: the desired capacity now, and the activity if it changed.</summary>
public readonly record struct AutoscalerDecision(int DesiredCapacity, ScalingActivity? Activity)
{
    public bool Changed => Activity is not null;
}

/// <summary>Knobs of the model that AWS does not document; defaults are LoadLab's reading of observed behaviour.</summary>
public sealed record AutoscalerOptions
{
    /// <summary>
    /// SageMaker refuses UpdateEndpointWeightsAndCapacities while the endpoint is Updating (instances starting or
    /// draining), so a scaling decision taken then fails and is retried at the next evaluation. Default true.
    /// </summary>
    public bool BlockWhileUpdating { get; init; } = true;

    /// <summary>
    /// Largest fraction of the desired capacity one target-tracking scale-in may remove (null = no cap beyond the
    /// proportional rule). AWS documents only that scale-in is "gradual": it waits for 15 datapoints below 90 % of the
    /// target and never removes so much that the metric would rise above the target. Default null.
    /// </summary>
    public double? MaxScaleInFraction { get; init; }

    public static AutoscalerOptions Default { get; } = new();
}

/// <summary>
/// Application Auto Scaling for one scalable target, as a pure incremental state machine: feed it each published
/// datapoint (<see cref="Observe"/>) and call <see cref="Evaluate"/> once per metric period with the current time and
/// what it can see of the fleet; it returns the desired capacity. No clock, no I/O, no randomness: the batch simulator
/// and the sim endpoint's live emulation drive the same instance the same way: one implementation.
/// <para>Rules (DESIGN.md "Wire facts" and the Application Auto Scaling user guide):</para>
/// <list type="bullet">
/// <item>Target tracking: the high alarm (3 datapoints &gt; target) scales out proportionally,
/// desired = ceil(C × metric / target), where C is the desired capacity (AAS's view); the low alarm (15 datapoints
/// &lt; 90 % of target) scales in to ceil(C × metric / target), i.e. never so far that the metric would exceed the target
/// (optionally capped by <see cref="AutoscalerOptions.MaxScaleInFraction"/>). Alarms with actions re-invoke the policy
/// at every evaluation while they stay in ALARM.</item>
/// <item>Scale-out cooldown: within it a new scale-out is computed from the capacity before the initiating scale-out
/// (the capacity it added counts as already there) and goes through only if it is larger than the current desired
/// capacity. A scale-out ends any scale-in cooldown. Scale-in cooldown blocks scale-in. Cooldown clocks are fleet-wide
/// (the last scale-out, the last scale-in); each policy applies its own durations.</item>
/// <item>No scale-in on missing data (missing periods never breach, see <see cref="AlarmEvaluator"/>).</item>
/// <item>Several policies: scale out if any policy says out, to the largest capacity proposed; scale in only if every
/// policy able to scale in (target tracking without DisableScaleIn, step policies with a negative or exact step) says
/// in, to the largest capacity proposed.</item>
/// <item>Step scaling: when its alarm is in ALARM, the alarm's window is aggregated with MetricAggregationType, the
/// step whose bounds (relative to the threshold; lower inclusive above the threshold, upper inclusive below) contain
/// the difference gives the adjustment: ChangeInCapacity, ExactCapacity, or PercentChangeInCapacity (rounded as AWS
/// does: above 1 down, between 0 and 1 to 1, between -1 and 0 to -1, below -1 up; at least MinAdjustmentMagnitude).
/// Its Cooldown acts as the scale-out cooldown above for increases and blocks decreases after a scale-in.</item>
/// <item>Scheduled actions set MinCapacity / MaxCapacity at each occurrence; the desired capacity is then moved into the
/// new bounds. Every result is clamped to [Min, Max]. SuspendedState is honoured.</item>
/// </list>
/// </summary>
public sealed class Autoscaler
{
    private readonly ScalingConfiguration _config;
    private readonly AutoscalerOptions _options;
    private readonly PolicyState[] _policies;
    private readonly ScheduleState[] _schedules;
    private readonly List<ScalingActivity> _activities = [];
    private readonly long _minuteTicks = TimeSpan.TicksPerMinute;

    private DateTimeOffset? _lastScaleOutUtc;
    private int _capacityBeforeScaleOut;
    private DateTimeOffset? _lastScaleInUtc;

    public int DesiredCapacity { get; private set; }
    public int MinCapacity { get; private set; }
    public int MaxCapacity { get; private set; }
    public ScalingConfiguration Configuration => _config;
    /// <summary>Every activity so far, oldest first.</summary>
    public IReadOnlyList<ScalingActivity> Activities => _activities;

    public Autoscaler(ScalingConfiguration config, int initialCapacity, DateTimeOffset startUtc, AutoscalerOptions? options = null)
    {
        _config = config;
        _options = options ?? AutoscalerOptions.Default;
        MinCapacity = config.MinCapacity;
        MaxCapacity = config.MaxCapacity;
        DesiredCapacity = Math.Clamp(initialCapacity, MinCapacity, MaxCapacity);
        _policies = config.Policies.Select(p => new PolicyState(p, startUtc)).ToArray();
        _schedules = config.ScheduledActions.Select(a => new ScheduleState(a,
            a.Schedule.NextOccurrence(startUtc.AddTicks(-1), a.StartUtc, a.EndUtc, anchorUtc: startUtc))).ToArray();
    }

    /// <summary>Feeds one published datapoint to every alarm on that metric.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void Observe(in MetricDatapoint datapoint)
    {
        foreach (var p in _policies)
        {
            if (p.High?.Spec.MetricName == datapoint.MetricName) p.High.Observe(datapoint.PeriodStartUtc, datapoint.Value);
            if (p.Low?.Spec.MetricName == datapoint.MetricName) p.Low.Observe(datapoint.PeriodStartUtc, datapoint.Value);
        }
    }

    public void Observe(string metricName, DateTimeOffset periodStartUtc, double? value) => Observe(new MetricDatapoint(metricName, periodStartUtc, value));

    /// <summary>Convenience: observe the datapoints published since the last call, then evaluate.</summary>
    public AutoscalerDecision Step(DateTimeOffset nowUtc, FleetView fleet, ReadOnlySpan<MetricDatapoint> datapoints)
    {
        foreach (var d in datapoints) Observe(d);
        return Evaluate(nowUtc, fleet);
    }

    /// <summary>
    /// Runs scheduled actions due by <paramref name="nowUtc"/>, closes alarm periods that ended, and applies the
    /// policies. Call it at every metric period boundary (each minute, or each 10 s with a high-resolution metric).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public AutoscalerDecision Evaluate(DateTimeOffset nowUtc, FleetView fleet)
    {
        ScalingActivity? activity = null;
        if (_schedules.Length > 0) activity = RunSchedules(nowUtc, fleet);

        var onMinute = nowUtc.UtcTicks % _minuteTicks == 0;
        var anyInvoked = false;
        foreach (var p in _policies)
        {
            var closed = p.High!.Advance(nowUtc);
            if (p.Low is not null) closed |= p.Low.Advance(nowUtc);
            // An alarm with an Auto Scaling action re-invokes it at each evaluation while in ALARM.
            p.Invoked = closed || onMinute;
            anyInvoked |= p.Invoked;
        }

        if (fleet.Updating && _options.BlockWhileUpdating) return new AutoscalerDecision(DesiredCapacity, activity);

        // Bounds moved by a scheduled action while the endpoint was updating.
        if (DesiredCapacity < MinCapacity || DesiredCapacity > MaxCapacity)
            activity = Apply(nowUtc, ScalingDirection.Scheduled, Math.Clamp(DesiredCapacity, MinCapacity, MaxCapacity), "bounds", $"capacity moved into [{MinCapacity}, {MaxCapacity}]");

        if (!anyInvoked || _policies.Length == 0) return new AutoscalerDecision(DesiredCapacity, activity);
        var dynamic = Decide(nowUtc);
        return new AutoscalerDecision(DesiredCapacity, dynamic ?? activity);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private ScalingActivity? Decide(DateTimeOffset now)
    {
        int bestOut = int.MinValue, bestIn = int.MinValue, inVoters = 0, inVotes = 0;
        string? outSource = null, outCause = null, inSource = null, inCause = null;
        var current = DesiredCapacity;

        foreach (var p in _policies)
        {
            if (p.Model.CanScaleIn) inVoters++;
            if (!p.Invoked) continue;
            var (dir, capacity, cause) = p.Model switch
            {
                TargetTrackingPolicyModel tt => ProposeTargetTracking(p, tt, now, current),
                StepPolicyModel st => ProposeStep(p, st, now, current),
                _ => (0, 0, ""),
            };
            if (dir > 0 && capacity > bestOut) { bestOut = capacity; outSource = p.Model.Name; outCause = cause; }
            if (dir < 0 && p.Model.CanScaleIn)
            {
                inVotes++;
                if (capacity > bestIn) { bestIn = capacity; inSource = p.Model.Name; inCause = cause; }
            }
        }

        if (bestOut > int.MinValue && !_config.DynamicScalingOutSuspended)
        {
            var target = Math.Min(bestOut, MaxCapacity);
            if (target > current) return Apply(now, ScalingDirection.ScaleOut, target, outSource!, outCause!);
        }
        else if (inVoters > 0 && inVotes == inVoters && !_config.DynamicScalingInSuspended)
        {
            var target = Math.Max(bestIn, MinCapacity);
            if (target < current) return Apply(now, ScalingDirection.ScaleIn, target, inSource!, inCause!);
        }
        return null;
    }

    private bool InScaleOutCooldown(DateTimeOffset now, int cooldownS) =>
        _lastScaleOutUtc is { } t && now < t.AddSeconds(cooldownS);

    private bool InScaleInCooldown(DateTimeOffset now, int cooldownS) =>
        _lastScaleInUtc is { } t && now < t.AddSeconds(cooldownS);

    /// <returns>direction (+1 out, -1 in, 0 none), proposed capacity, cause.</returns>
    private (int, int, string) ProposeTargetTracking(PolicyState p, TargetTrackingPolicyModel tt, DateTimeOffset now, int current)
    {
        if (p.High!.InAlarm)
        {
            var metric = p.High.Latest;
            if (double.IsNaN(metric)) return (0, 0, "");
            var cooling = InScaleOutCooldown(now, tt.ScaleOutCooldownS);
            var baseCapacity = cooling ? _capacityBeforeScaleOut : current;
            var proposed = CeilRatio(Math.Max(baseCapacity, 1), metric, tt.TargetValue);
            if (proposed <= current) return (0, 0, "");
            return (1, proposed, $"{tt.MetricName} {metric:0.##} > target {tt.TargetValue:0.##} for {TargetTrackingPolicyModel.HighDatapoints} datapoints" +
                (cooling ? " (larger than the scale-out in cooldown)" : ""));
        }
        if (p.Low is { InAlarm: true } && !tt.DisableScaleIn)
        {
            if (InScaleInCooldown(now, tt.ScaleInCooldownS)) return (0, 0, "");
            var metric = p.Low.Latest;
            if (double.IsNaN(metric)) return (0, 0, "");
            var proposed = CeilRatio(current, metric, tt.TargetValue);
            if (_options.MaxScaleInFraction is { } f)
                proposed = Math.Max(proposed, current - Math.Max(1, (int)Math.Floor(current * f)));
            if (proposed >= current) return (0, 0, "");
            return (-1, proposed, $"{tt.MetricName} {metric:0.##} < {TargetTrackingPolicyModel.LowThresholdFraction:0%} of target {tt.TargetValue:0.##} for {TargetTrackingPolicyModel.LowDatapoints} datapoints");
        }
        return (0, 0, "");
    }

    private static int CeilRatio(int capacity, double metric, double target)
    {
        var x = capacity * metric / target;
        // Guard against 2.0000000001 from floating point turning into 3.
        var r = Math.Round(x);
        return Math.Abs(x - r) < 1e-9 ? (int)r : (int)Math.Min(Math.Ceiling(x), int.MaxValue / 2);
    }

    private (int, int, string) ProposeStep(PolicyState p, StepPolicyModel st, DateTimeOffset now, int current)
    {
        if (!p.High!.InAlarm) return (0, 0, "");
        var value = p.High.Aggregate(st.MetricAggregationType);
        if (double.IsNaN(value)) return (0, 0, "");
        var diff = value - st.Alarm.Threshold;
        StepAdjustment? step = null;
        foreach (var s in st.Steps)
        {
            var lo = s.MetricIntervalLowerBound ?? double.NegativeInfinity;
            var hi = s.MetricIntervalUpperBound ?? double.PositiveInfinity;
            var inside = diff >= 0 ? lo <= diff && diff < hi : lo < diff && diff <= hi;
            if (inside) { step = s; break; }
        }
        if (step is null) return (0, 0, "");

        var coolingOut = InScaleOutCooldown(now, st.CooldownS);
        int Target(int baseCapacity) => st.AdjustmentType switch
        {
            AdjustmentTypes.ExactCapacity => step.ScalingAdjustment,
            AdjustmentTypes.PercentChangeInCapacity => baseCapacity + PercentChange(baseCapacity, step.ScalingAdjustment, st.MinAdjustmentMagnitude),
            _ => baseCapacity + step.ScalingAdjustment,
        };
        var proposed = Target(current);
        var cause = $"{st.Alarm.MetricName} {value:0.##} (threshold {st.Alarm.Threshold:0.##}) -> {st.AdjustmentType} {step.ScalingAdjustment}";
        if (proposed > current)
        {
            if (coolingOut)
            {
                proposed = Target(_capacityBeforeScaleOut);
                if (proposed <= current) return (0, 0, "");
                cause += " (larger than the scale-out in cooldown)";
            }
            return (1, proposed, cause);
        }
        if (proposed < current)
        {
            if (InScaleInCooldown(now, st.CooldownS)) return (0, 0, "");
            return (-1, Math.Max(proposed, 0), cause);
        }
        return (0, 0, "");
    }

    /// <summary>PercentChangeInCapacity rounding, as the Application Auto Scaling user guide describes it.</summary>
    public static int PercentChange(int capacity, int percent, int? minAdjustmentMagnitude)
    {
        var delta = capacity * percent / 100.0;
        int change = delta switch
        {
            > 1 => (int)Math.Floor(delta),
            > 0 => 1,
            0 => 0,
            >= -1 => -1,
            _ => (int)Math.Ceiling(delta),
        };
        if (minAdjustmentMagnitude is { } m && change != 0 && Math.Abs(change) < m) change = Math.Sign(change) * m;
        return change;
    }

    private ScalingActivity? RunSchedules(DateTimeOffset now, FleetView fleet)
    {
        ScalingActivity? last = null;
        while (true)
        {
            ScheduleState? due = null;
            foreach (var s in _schedules)
                if (s.Next is { } t && t <= now && (due is null || t < due.Next)) due = s;
            if (due is null) return last;
            var at = due.Next!.Value;
            due.Next = due.Action.Schedule.NextOccurrence(at, due.Action.StartUtc, due.Action.EndUtc, anchorUtc: at);
            if (_config.ScheduledScalingSuspended) continue;
            var a = due.Action;
            if (a.MinCapacity is { } mn) MinCapacity = mn;
            if (a.MaxCapacity is { } mx) MaxCapacity = mx;
            if (MinCapacity > MaxCapacity)
            {
                // One side moved past the other: the side the action did not set follows it.
                if (a.MinCapacity is null) MinCapacity = MaxCapacity; else MaxCapacity = MinCapacity;
            }
            var clamped = Math.Clamp(DesiredCapacity, MinCapacity, MaxCapacity);
            var cause = $"scheduled action at {at:yyyy-MM-dd'T'HH:mm'Z'}: Min {MinCapacity}, Max {MaxCapacity}";
            if (clamped != DesiredCapacity && !(fleet.Updating && _options.BlockWhileUpdating))
                last = Apply(at < now ? now : at, ScalingDirection.Scheduled, clamped, a.Name, cause);
            else
                _activities.Add(last = new ScalingActivity(now, ScalingDirection.Scheduled, DesiredCapacity, DesiredCapacity, a.Name, cause));
        }
    }

    private ScalingActivity Apply(DateTimeOffset now, ScalingDirection direction, int to, string source, string cause)
    {
        var from = DesiredCapacity;
        var effective = direction == ScalingDirection.Scheduled ? (to > from ? ScalingDirection.ScaleOut : ScalingDirection.ScaleIn) : direction;
        if (effective == ScalingDirection.ScaleOut)
        {
            if (!InScaleOutCooldownAny(now)) _capacityBeforeScaleOut = from;
            _lastScaleOutUtc = now;
            _lastScaleInUtc = null; // a scale-out ends the scale-in cooldown
        }
        else _lastScaleInUtc = now;
        DesiredCapacity = to;
        var activity = new ScalingActivity(now, direction, from, to, source, cause);
        _activities.Add(activity);
        return activity;
    }

    // A scale-out that happens while an earlier one is still cooling keeps the chain's starting capacity.
    private bool InScaleOutCooldownAny(DateTimeOffset now)
    {
        foreach (var p in _policies)
        {
            var cd = p.Model switch { TargetTrackingPolicyModel t => t.ScaleOutCooldownS, StepPolicyModel s => s.CooldownS, _ => 0 };
            if (InScaleOutCooldown(now, cd)) return true;
        }
        return false;
    }

    private sealed class PolicyState
    {
        public PolicyModel Model { get; }
        /// <summary>Target tracking: the high alarm; step: the policy's alarm.</summary>
        public AlarmEvaluator? High { get; }
        public AlarmEvaluator? Low { get; }
        public bool Invoked { get; set; }

        public PolicyState(PolicyModel model, DateTimeOffset start)
        {
            Model = model;
            switch (model)
            {
                case TargetTrackingPolicyModel tt:
                    High = new AlarmEvaluator(tt.HighAlarm, start);
                    if (!tt.DisableScaleIn) Low = new AlarmEvaluator(tt.LowAlarm, start);
                    break;
                case StepPolicyModel st:
                    High = new AlarmEvaluator(st.Alarm, start);
                    break;
            }
        }
    }

    private sealed class ScheduleState(ScheduledActionModel action, DateTimeOffset? next)
    {
        public ScheduledActionModel Action { get; } = action;
        public DateTimeOffset? Next { get; set; } = next;
    }
}
