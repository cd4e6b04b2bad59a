using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LoadLab.Core.AwsApi;
using LoadLab.Core.Errors;
using LoadLab.Core.Ports;
using LoadLab.SimEndpoint.Fleet;
using LoadLab.SimEndpoint.Metrics;
using LoadLab.Simulation.Autoscaling;
using AwsScalingActivity = LoadLab.Core.AwsApi.ScalingActivity;

namespace LoadLab.SimEndpoint.Autoscaling;

/// <summary>Tuning of the emulation loop (real time, not emulated: these are about polling, not about AWS's behaviour).</summary>
public sealed record AutoscalingEmulatorOptions
{
    /// <summary>How often the scalable target, policies, scheduled actions (and step alarms) are re-read. Default 2s.</summary>
    public TimeSpan ConfigPoll { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the loop looks for closed metric periods. Default 50ms.</summary>
    public TimeSpan Tick { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Emulated minutes of published datapoints kept, so a policy put in place mid-run sees the recent past as AWS alarms would. Default 30.</summary>
    public int KeepMinutes { get; init; } = 30;

    /// <summary>The autoscaler model's undocumented knobs (the same defaults as `loadlab simulate`).</summary>
    public AutoscalerOptions Model { get; init; } = AutoscalerOptions.Default;
}

/// <summary>
/// Application Auto Scaling for the sim endpoint, because moto never scales anything. For each variant it
/// reads the scalable target, scaling policies and scheduled actions from Application Auto Scaling (and the CloudWatch
/// alarms of step policies), compiles them with <see cref="ScalingConfiguration.FromRequests"/>, and drives the SAME
/// <see cref="Autoscaler"/> that `loadlab simulate` runs: it observes the variant's own published metrics (the period
/// summaries of <see cref="MetricsPump"/>: InvocationsPerInstance and Invocations summed per emulated minute as CloudWatch's
/// one-minute Sum would, ConcurrentRequestsPerModel per 10 s), evaluates at each period boundary of the emulated clock,
/// and applies its decisions to the fleet's desired count (instances then start after the startup delay). Every change
/// is recorded in the DescribeScalingActivities shape. All times are emulated, so --time-scale compresses alarm periods,
/// cooldowns, schedules and startup alike.
/// <para>
/// The emulation keeps timing of its own that `loadlab simulate` does not share: each period boundary is acted on only
/// after <see cref="Options.SimEndpointOptions.AutoscaleAlarmDelay"/> plus a seeded jitter (metric publication and alarm
/// evaluation), and instances start after the sim's own jittered startup. A closed-loop check against this emulation
/// therefore measures model agreement, not the same code agreeing with itself.
/// </para>
/// </summary>
public sealed partial class AutoscalingEmulator : IDisposable
{
    private readonly SimFleet _fleet;
    private readonly MetricsPump _pump;
    private readonly IScalingConfigStore _store;
    private readonly TextWriter _log;
    private readonly AutoscalingEmulatorOptions _options;
    private readonly VariantScaling[] _variants;
    private readonly List<AwsScalingActivity> _activities = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly CounterRng _alarmRng;
    private Task? _loop;
    private long _configReads, _configFailures;
    private string? _lastError;

    public AutoscalingEmulator(SimFleet fleet, MetricsPump pump, IScalingConfigStore store, TextWriter log, AutoscalingEmulatorOptions? options = null)
    {
        _fleet = fleet;
        _pump = pump;
        _store = store;
        _log = log;
        _options = options ?? new AutoscalingEmulatorOptions();
        _variants = fleet.Variants.Select(v => new VariantScaling(v, ScalableTargetKey.Variant(fleet.EndpointName, v.Name))).ToArray();
        _alarmRng = new CounterRng(CounterRng.Derive(fleet.Options.Seed, "alarm-delay", 0));
        var now = fleet.Time.GetUtcNow();
        foreach (var v in _variants)
        {
            v.FedUntil = Floor(now, pump.Period);
            v.NextEval = Floor(now, TimeSpan.FromMinutes(1)) + TimeSpan.FromMinutes(1);
            v.LastApplied = v.Variant.Desired;
        }
    }

    /// <summary>
    /// What per-minute counts are multiplied by before the model sees them: 1, or the time scale with
    /// <see cref="Options.SimEndpointOptions.AutoscaleRealRate"/> (rates per real minute, the units of recommended targets).
    /// </summary>
    public double CountFactor => _fleet.Options.AutoscaleRealRate ? _fleet.TimeScale : 1;

    public long ConfigReads => Interlocked.Read(ref _configReads);
    public string? LastError => Volatile.Read(ref _lastError);

    /// <summary>Scaling activities in the DescribeScalingActivities shape, newest first (as AWS lists them).</summary>
    public IReadOnlyList<AwsScalingActivity> Activities(string? resourceId = null)
    {
        lock (_activities)
            return _activities.Where(a => resourceId is null || a.ResourceId == resourceId).Reverse().ToArray();
    }

    /// <summary>What each variant's emulation knows now (for the admin API).</summary>
    public IReadOnlyList<AutoscalingTargetStatus> Targets()
    {
        var list = new List<AutoscalingTargetStatus>();
        foreach (var v in _variants)
            lock (v)
                list.Add(new AutoscalingTargetStatus(v.Key.ResourceId, v.Scaler is not null, v.Description, v.Scaler?.MinCapacity, v.Scaler?.MaxCapacity,
                    v.Scaler?.DesiredCapacity, v.Variant.Desired, v.NextEval, v.Error));
        return list;
    }

    public void Start() => _loop = Task.Run(() => LoopAsync(_stop.Token));

    private async Task LoopAsync(CancellationToken ct)
    {
        var lastRead = DateTimeOffset.MinValue;
        var real = _fleet.RealTime;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (real.GetUtcNow() - lastRead >= _options.ConfigPoll)
                {
                    lastRead = real.GetUtcNow();
                    await RefreshConfigAsync(ct).ConfigureAwait(false);
                }
                Tick();
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { break; }
            catch (Exception ex)
            {
                Volatile.Write(ref _lastError, ex.Message);
                if (Interlocked.Increment(ref _configFailures) is var n && (n == 1 || n % 30 == 0))
                    _log.WriteLine($"sim-endpoint: autoscaling emulation: {ex.Message} ({n} failures so far)");
            }
            try { await Task.Delay(_options.Tick, real, ct).ConfigureAwait(false); }
            catch (OperationCanceledException) { break; }
        }
    }

    /// <summary>Re-reads every variant's scaling configuration; rebuilds the model of a variant whose configuration changed.</summary>
    public async Task RefreshConfigAsync(CancellationToken ct)
    {
        // Every alarm of the account, listed at most once a refresh and only when a step policy needs its alarms.
        IReadOnlyList<PutMetricAlarmRequest>? allAlarms = null;
        foreach (var v in _variants)
        {
            var state = await _store.ReadAsync(v.Key, ct).ConfigureAwait(false);
            IReadOnlyList<PutMetricAlarmRequest> alarms = [];
            var stepArns = state.Policies.Where(p => p.Request.PolicyType == PolicyTypes.StepScaling).Select(p => p.PolicyArn).ToHashSet(StringComparer.Ordinal);
            if (stepArns.Count > 0)
                alarms = (allAlarms ??= await _store.DescribeAlarmsByPrefixAsync("", ct).ConfigureAwait(false))
                    .Where(a => a.AlarmActions?.Any(stepArns.Contains) == true).OrderBy(a => a.AlarmName, StringComparer.Ordinal).ToList();
            Interlocked.Increment(ref _configReads);
            var fingerprint = JsonSerializer.Serialize(new { state.Target, Policies = state.Policies.Select(p => p.Request), Scheduled = state.ScheduledActions.Select(a => a.Request), alarms });
            lock (v)
            {
                if (fingerprint == v.Fingerprint) continue;
                v.Fingerprint = fingerprint;
                if (state.Target is null)
                {
                    if (v.Scaler is not null) _log.WriteLine($"sim-endpoint: autoscaling: {v.Key.ResourceId} is no longer a scalable target; emulation paused");
                    v.Scaler = null; v.Description = "no scalable target registered"; v.Error = null;
                    continue;
                }
                ScalingConfiguration config;
                try
                {
                    config = ScalingConfiguration.FromRequests(state.Target, state.Policies.Select(p => p.Request).ToList(), alarms,
                        state.ScheduledActions.Select(a => a.Request).ToList(), $"Application Auto Scaling {v.Key.ResourceId}");
                    v.Error = null;
                }
                catch (UserInputException ex)
                {
                    v.Scaler = null;
                    v.Error = string.Join("; ", ex.Problems.Select(p => $"{p.Field}: {p.Message}"));
                    v.Description = "configuration cannot be emulated";
                    _log.WriteLine($"sim-endpoint: autoscaling: {v.Key.ResourceId}: {v.Error}");
                    continue;
                }
                Rebuild(v, config, "configuration read from Application Auto Scaling");
                _log.WriteLine($"sim-endpoint: autoscaling: {v.Key.ResourceId}: {v.Description}");
            }
        }
    }

    /// <summary>A fresh model on the current configuration and desired count, fed the datapoints published so far.</summary>
    private void Rebuild(VariantScaling v, ScalingConfiguration config, string why)
    {
        var start = v.History.Count > 0 ? Floor(v.History[0].PeriodStartUtc, TimeSpan.FromMinutes(1)) : Floor(_fleet.Time.GetUtcNow(), TimeSpan.FromMinutes(1));
        v.Scaler = new Autoscaler(config, v.Variant.Desired, start, _options.Model);
        foreach (var d in v.History) v.Scaler.Observe(d);
        v.SeenActivities = v.Scaler.Activities.Count;
        v.LastApplied = v.Variant.Desired;
        var period = TimeSpan.FromSeconds(config.MetricPeriodS);
        var next = Floor(_fleet.Time.GetUtcNow(), period) + period;
        // Never re-evaluate a boundary already evaluated; never skip ahead of the data.
        v.NextEval = next;
        v.NextDelay = null;
        v.Description = Describe(config) + $" ({why})";
    }

    /// <summary>One pass: consume closed metric periods, evaluate every boundary that passed, apply decisions.</summary>
    public void Tick()
    {
        var now = _fleet.Time.GetUtcNow();
        var scale = _fleet.TimeScale;
        // The pump closes a period a little after its boundary; wait for it, but not forever (a stopped pump).
        var grace = _pump.Period + TimeSpan.FromSeconds(2 * scale);
        var summaries = _pump.Summaries();   // one copy a tick, shared by the variants
        foreach (var v in _variants)
        {
            lock (v)
            {
                Consume(v, summaries);
                CompleteActivities(v, now);
                if (v.Scaler is null)
                {
                    // Nothing to evaluate, but keep the clock moving so that a policy read later starts from now.
                    v.NextEval = Floor(now, TimeSpan.FromMinutes(1)) + TimeSpan.FromMinutes(1);
                    Flush(v, v.FedUntil);
                    continue;
                }
                if (v.Variant.Desired != v.LastApplied)
                    Rebuild(v, v.Scaler.Configuration, $"desired count changed outside the autoscaler to {v.Variant.Desired}");
                var period = TimeSpan.FromSeconds(v.Scaler.Configuration.MetricPeriodS);
                while (v.NextEval <= now)
                {
                    if (v.FedUntil < v.NextEval && now - v.NextEval < grace) break;
                    // The boundary's datapoints reach the autoscaler only after the alarm delay (drawn once per boundary).
                    var delay = v.NextDelay ??= AlarmDelay();
                    if (now < v.NextEval + delay) break;
                    Flush(v, v.NextEval);
                    Evaluate(v, v.NextEval, delay);
                    v.NextDelay = null;
                    v.NextEval += period;
                }
            }
        }
    }

    /// <summary>Takes the pump's new period summaries of this variant into the per-minute (and per-10 s) accumulators.</summary>
    private static void Consume(VariantScaling v, IReadOnlyList<PeriodSummary> summaries)
    {
        foreach (var s in summaries)
        {
            if (s.Variant != v.Variant.Name || s.PeriodStartUtc < v.FedUntil) continue;
            var minute = Floor(s.PeriodStartUtc, TimeSpan.FromMinutes(1));
            v.Minutes.TryGetValue(minute, out var m);
            if (s.Invocations > 0) m = (m.Ipi + s.InvocationsPerInstance, m.Invocations + s.Invocations, true);
            v.Minutes[minute] = m;
            if (s.ConcurrentRequests is { SampleCount: > 0 } c)
            {
                var bucket = Floor(s.PeriodStartUtc, TimeSpan.FromSeconds(10));
                v.Tens.TryGetValue(bucket, out var t);
                v.Tens[bucket] = (t.Sum + c.Sum / c.SampleCount / Math.Max(1, s.MeanInService), t.Count + 1);
            }
            var end = s.PeriodStartUtc + TimeSpan.FromSeconds(s.PeriodSeconds);
            if (end > v.FedUntil) v.FedUntil = end;
        }
    }

    /// <summary>Publishes (to the model) every accumulated minute and 10 s bucket that ended by <paramref name="upTo"/>.</summary>
    private void Flush(VariantScaling v, DateTimeOffset upTo)
    {
        var ready = new List<MetricDatapoint>();
        foreach (var (minute, m) in v.Minutes.Where(kv => kv.Key + TimeSpan.FromMinutes(1) <= upTo).OrderBy(kv => kv.Key).ToList())
        {
            v.Minutes.Remove(minute);
            // SageMaker publishes nothing for a minute without invocations: missing data, not zero.
            ready.Add(new MetricDatapoint(SimMetrics.InvocationsPerInstance, minute, m.Any ? m.Ipi * CountFactor : null));
            ready.Add(new MetricDatapoint(SimMetrics.Invocations, minute, m.Any ? m.Invocations * CountFactor : null));
        }
        foreach (var (bucket, t) in v.Tens.Where(kv => kv.Key + TimeSpan.FromSeconds(10) <= upTo).OrderBy(kv => kv.Key).ToList())
        {
            v.Tens.Remove(bucket);
            ready.Add(new MetricDatapoint(SimMetrics.ConcurrentRequestsPerModel, bucket, t.Count > 0 ? t.Sum / t.Count : null));
        }
        foreach (var d in ready.OrderBy(d => d.PeriodStartUtc))
        {
            v.History.Add(d);
            v.Scaler?.Observe(d);
        }
        var keepFrom = upTo - TimeSpan.FromMinutes(_options.KeepMinutes);
        v.History.RemoveAll(d => d.PeriodStartUtc < keepFrom);
    }

    private TimeSpan AlarmDelay()
    {
        var o = _fleet.Options;
        return o.AutoscaleAlarmDelay + TimeSpan.FromTicks((long)(o.AutoscaleAlarmJitter.Ticks * _alarmRng.NextDouble()));
    }

    /// <summary>
    /// The model decides on the boundary <paramref name="at"/> (its datapoints and alarm periods end there); the decision
    /// reaches the fleet <paramref name="delay"/> later, and the activity is recorded at that time, as AWS records when
    /// it acted.
    /// </summary>
    private void Evaluate(VariantScaling v, DateTimeOffset at, TimeSpan delay)
    {
        var (pending, inService, draining) = v.Variant.Counts();
        var decision = v.Scaler!.Evaluate(at, new FleetView(inService, pending > 0 || draining > 0));
        var all = v.Scaler.Activities;
        var recorded = all.Count > v.SeenActivities;
        for (var i = v.SeenActivities; i < all.Count; i++) Record(v, all[i] with { TimeUtc = all[i].TimeUtc + delay });
        v.SeenActivities = all.Count;
        var desired = Math.Clamp(decision.DesiredCapacity, 1, _fleet.Options.MaxInstances);
        if (desired != v.Variant.Desired)
        {
            // The model started inside [Min, Max] while the fleet was outside (RegisterScalableTarget moves it in, as AWS does).
            if (!recorded)
                Record(v, new Simulation.Autoscaling.ScalingActivity(at + delay, desired > v.Variant.Desired ? ScalingDirection.ScaleOut : ScalingDirection.ScaleIn,
                    v.Variant.Desired, desired, "RegisterScalableTarget", $"desired count moved into [{v.Scaler.MinCapacity}, {v.Scaler.MaxCapacity}]"));
            v.Variant.SetDesired(desired, "autoscaler");
            v.LastApplied = desired;
        }
    }

    private static string Describe(ScalingConfiguration c)
    {
        var parts = new List<string> { $"Min {c.MinCapacity}, Max {c.MaxCapacity}" };
        foreach (var p in c.Policies)
            parts.Add(p switch
            {
                TargetTrackingPolicyModel t => FormattableString.Invariant($"target tracking {t.MetricName} {t.TargetValue:0.##} (cooldowns {t.ScaleOutCooldownS}/{t.ScaleInCooldownS} s)"),
                StepPolicyModel s => FormattableString.Invariant($"step scaling {s.Name} on {s.Alarm.MetricName} {s.Alarm.Comparison} {s.Alarm.Threshold:0.##}"),
                _ => p.Name,
            });
        if (c.ScheduledActions.Count > 0) parts.Add($"{c.ScheduledActions.Count} scheduled action(s)");
        return string.Join("; ", parts);
    }

    private static DateTimeOffset Floor(DateTimeOffset t, TimeSpan period) =>
        new(t.UtcTicks - t.UtcTicks % period.Ticks, TimeSpan.Zero);

    public void Dispose()
    {
        _stop.Cancel();
        try { _loop?.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
        _stop.Dispose();
    }

    private sealed class VariantScaling(SimVariant variant, ScalableTargetKey key)
    {
        public SimVariant Variant { get; } = variant;
        public ScalableTargetKey Key { get; } = key;
        public string? Fingerprint;
        public Autoscaler? Scaler;
        public string Description = "no scaling configuration read yet";
        public string? Error;
        public DateTimeOffset FedUntil;
        public DateTimeOffset NextEval;
        /// <summary>The alarm delay drawn for <see cref="NextEval"/>, kept until that boundary is evaluated.</summary>
        public TimeSpan? NextDelay;
        public int LastApplied;
        public int SeenActivities;
        public long ActivityCount;
        public readonly SortedDictionary<DateTimeOffset, (double Ipi, double Invocations, bool Any)> Minutes = new();
        public readonly SortedDictionary<DateTimeOffset, (double Sum, int Count)> Tens = new();
        public readonly List<MetricDatapoint> History = [];
    }
}

/// <summary>One variant's emulation state, as GET /admin/scaling-activities reports it beside the activities.</summary>
public sealed record AutoscalingTargetStatus(string ResourceId, bool Active, string Description, int? MinCapacity, int? MaxCapacity,
    int? ModelDesiredCapacity, int FleetDesired, DateTimeOffset NextEvaluationUtc, string? Error);
