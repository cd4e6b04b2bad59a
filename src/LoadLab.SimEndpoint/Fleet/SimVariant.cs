using LoadLab.SimEndpoint.Options;

namespace LoadLab.SimEndpoint.Fleet;

/// <summary>
/// One production variant: its instances, its desired count and its routing table. Scaling runs under a lock
/// (rare); routing reads an immutable array of InService instances that scaling swaps (hot path, no lock).
/// </summary>
public sealed class SimVariant
{
    private readonly object _gate = new();
    private readonly List<SimInstance> _instances = []; // every instance not yet terminated
    private readonly SimFleetContext _ctx;
    private volatile SimInstance[] _routable = [];
    private int _nextOrdinal;
    private int _desired;

    internal SimVariant(string name, double weight, int index, SimFleetContext ctx, double serviceTimeFactor = 1)
    {
        Name = name;
        ServiceTimeFactor = serviceTimeFactor;
        Weight = weight;
        Index = index;
        _ctx = ctx;
        Meter = new Metrics.VariantMeter();
        RoutingRng = new CounterRng(CounterRng.Derive(ctx.Options.Seed, "route:" + name, index));
        InvokedHeader = name;
    }

    public string Name { get; }
    /// <summary>Multiplies the endpoint's service time for this variant (its instance type's speed).</summary>
    public double ServiceTimeFactor { get; }
    public int Index { get; }
    /// <summary>Current weight (UpdateEndpointWeightsAndCapacities may change it).</summary>
    public double Weight { get; internal set; }
    public Metrics.VariantMeter Meter { get; }
    internal CounterRng RoutingRng { get; }
    internal string InvokedHeader { get; }

    public int Desired => Volatile.Read(ref _desired);

    /// <summary>InService instances: the routing table.</summary>
    public SimInstance[] Routable => _routable;

    public IReadOnlyList<SimInstance> Instances
    {
        get { lock (_gate) return _instances.ToArray(); }
    }

    public (int Pending, int InService, int Draining) Counts()
    {
        lock (_gate) return CountsLocked();
    }

    private (int Pending, int InService, int Draining) CountsLocked()
    {
        int p = 0, s = 0, d = 0;
        foreach (var i in _instances)
            switch (i.State)
            {
                case InstanceState.Pending: p++; break;
                case InstanceState.InService: s++; break;
                case InstanceState.Draining: d++; break;
            }
        return (p, s, d);
    }

    /// <summary>Picks an instance for one request; null when none is InService.</summary>
    public SimInstance? Route()
    {
        var table = _routable;
        var n = table.Length;
        if (n == 0) return null;
        if (n == 1) return table[0];
        var start = RoutingRng.NextInt(n);
        if (_ctx.Options.Routing == RoutingKind.Random) return table[start];
        // Least outstanding requests; the random start breaks ties without favouring low ordinals.
        var best = table[start];
        var bestLoad = best.Outstanding;
        for (var k = 1; k < n && bestLoad > 0; k++)
        {
            var candidate = table[(start + k) % n];
            var load = candidate.Outstanding;
            if (load < bestLoad) { best = candidate; bestLoad = load; }
        }
        return best;
    }

    /// <summary>Starts the initial instances InService at once (the endpoint is created InService).</summary>
    internal void Initialise(int count)
    {
        lock (_gate)
        {
            _desired = count;
            var now = _ctx.Time.GetUtcNow();
            for (var k = 0; k < count; k++) _instances.Add(NewInstance(InstanceState.InService, now));
            Republish();
            Record(now, "initial", "start");
        }
    }

    /// <summary>
    /// Sets the desired instance count. New instances start Pending and go InService after the startup delay
    /// (± jitter); surplus instances are taken from the Pending ones first (newest first), then InService ones
    /// drain and terminate. Returns the count in effect.
    /// </summary>
    public int SetDesired(int desired, string source)
    {
        if (desired < 1 || desired > _ctx.Options.MaxInstances)
            throw new ArgumentOutOfRangeException(nameof(desired), desired, $"must be between 1 and {_ctx.Options.MaxInstances}");
        lock (_gate)
        {
            if (desired == _desired && Active() == desired) return desired;
            var now = _ctx.Time.GetUtcNow();
            var previous = _desired;
            _desired = desired;
            while (Active() < desired) StartPending(now);
            while (Active() > desired)
            {
                var victim = _instances.LastOrDefault(i => i.State == InstanceState.Pending)
                             ?? _instances.Last(i => i.State == InstanceState.InService);
                if (victim.State == InstanceState.Pending)
                {
                    victim.StartupCancel?.Cancel();
                    victim.SetState(InstanceState.Terminated, now);
                    _instances.Remove(victim);
                }
                else BeginDrain(victim, now);
            }
            Republish();
            Record(now, $"desired {previous} -> {desired}", source);
            _ctx.OnDesiredChanged(this, source);
            return desired;
        }
    }

    private int Active() => _instances.Count(i => i.State is InstanceState.Pending or InstanceState.InService);

    private SimInstance NewInstance(InstanceState state, DateTimeOffset now)
    {
        var ordinal = ++_nextOrdinal;
        var o = _ctx.Options;
        return new SimInstance($"{Name}-{ordinal}", Name, ordinal, o.Workers, o.Queue,
            CounterRng.Derive(o.Seed, "instance:" + Name, ordinal), state, now);
    }

    private void StartPending(DateTimeOffset now)
    {
        var instance = NewInstance(InstanceState.Pending, now);
        var o = _ctx.Options;
        // Jitter is uniform in ±StartupJitter, drawn from the variant's seeded stream.
        var jitter = o.StartupJitter.Ticks * (2 * _ctx.StartupRng.NextDouble() - 1);
        var delay = TimeSpan.FromTicks(Math.Max(0, o.StartupDelay.Ticks + (long)jitter));
        instance.ReadyAtUtc = now + delay;
        _instances.Add(instance);
        if (delay == TimeSpan.Zero) { instance.SetState(InstanceState.InService, now); return; }
        var cts = CancellationTokenSource.CreateLinkedTokenSource(_ctx.Lifetime);
        instance.StartupCancel = cts;
        _ = StartAfterAsync(instance, delay, cts.Token);
    }

    private async Task StartAfterAsync(SimInstance instance, TimeSpan delay, CancellationToken ct)
    {
        try { await Task.Delay(delay, _ctx.Time, ct).ConfigureAwait(false); }
        catch (OperationCanceledException) { return; }
        lock (_gate)
        {
            if (instance.State != InstanceState.Pending) return;
            var now = _ctx.Time.GetUtcNow();
            instance.SetState(InstanceState.InService, now);
            Republish();
            Record(now, $"{instance.Id} InService", "startup");
        }
        _ctx.OnCountsChanged(this);
    }

    private void BeginDrain(SimInstance instance, DateTimeOffset now)
    {
        instance.SetState(InstanceState.Draining, now);
        _ = FinishDrainAsync(instance);
    }

    private async Task FinishDrainAsync(SimInstance instance)
    {
        try
        {
            var timeout = Task.Delay(_ctx.Options.DrainTimeout, _ctx.Time, _ctx.Lifetime);
            await Task.WhenAny(instance.Drained, timeout).ConfigureAwait(false);
        }
        catch (OperationCanceledException) { }
        lock (_gate)
        {
            var now = _ctx.Time.GetUtcNow();
            var leftover = instance.Outstanding;
            instance.SetState(InstanceState.Terminated, now);
            _instances.Remove(instance);
            Record(now, leftover == 0 ? $"{instance.Id} drained and terminated" : $"{instance.Id} terminated with {leftover} requests after the drain timeout", "drain");
        }
        _ctx.OnCountsChanged(this);
    }

    private void Republish()
    {
        _routable = _instances.Where(i => i.State == InstanceState.InService).OrderBy(i => i.Ordinal).ToArray();
    }

    private void Record(DateTimeOffset now, string what, string source)
    {
        var (p, s, d) = CountsLocked();
        _ctx.History.Add(new InstanceCountPoint(now, Name, _desired, p, s, d, what, source));
    }
}
