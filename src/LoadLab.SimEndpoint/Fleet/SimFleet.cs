using LoadLab.SimEndpoint.Options;

namespace LoadLab.SimEndpoint.Fleet;

/// <summary>What variants share: options, emulated clock, history, seeded startup draws and the lifetime token.</summary>
internal sealed class SimFleetContext(SimEndpointOptions options, TimeProvider time, InstanceHistory history, CancellationToken lifetime)
{
    public SimEndpointOptions Options { get; } = options;
    public TimeProvider Time { get; } = time;
    public InstanceHistory History { get; } = history;
    public CancellationToken Lifetime { get; } = lifetime;
    public CounterRng StartupRng { get; } = new(CounterRng.Derive(options.Seed, "startup", 0));
    public Action<SimVariant, string>? DesiredChanged;
    public Action<SimVariant>? CountsChanged;
    public void OnDesiredChanged(SimVariant v, string source) => DesiredChanged?.Invoke(v, source);
    public void OnCountsChanged(SimVariant v) => CountsChanged?.Invoke(v);
}

/// <summary>
/// The endpoint's fleet: variants with weights, each with instances. The run-time control surface for the admin
/// API, the control-plane watcher and an autoscaler: <see cref="SetDesired"/>, <see cref="SetWeight"/>,
/// <see cref="History"/>; all timed on <see cref="Time"/> (emulated, see <see cref="ScaledTimeProvider"/>).
/// </summary>
public sealed class SimFleet : IDisposable
{
    private readonly SimFleetContext _ctx;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly CounterRng _variantRng;
    private volatile double[] _cumulativeWeights = [];

    /// <summary>An uncompressed fleet: emulated time is <paramref name="time"/> itself.</summary>
    public SimFleet(SimEndpointOptions options, TimeProvider time) : this(options, time, 1) { }

    /// <summary>A fleet whose emulated clock runs <paramref name="timeScale"/> times as fast as <paramref name="realTime"/>.</summary>
    public SimFleet(SimEndpointOptions options, TimeProvider realTime, double timeScale)
    {
        Options = options;
        RealTime = realTime;
        TimeScale = timeScale;
        var time = timeScale == 1 ? realTime : new ScaledTimeProvider(realTime, timeScale);
        Time = time;
        History = new InstanceHistory();
        _ctx = new SimFleetContext(options, time, History, _lifetime.Token);
        _variantRng = new CounterRng(CounterRng.Derive(options.Seed, "variant", 0));
        Variants = options.Variants.Select((v, i) => new SimVariant(v.Name, v.Weight, i, _ctx, v.ServiceTimeFactor)).ToArray();
        foreach (var (v, spec) in Variants.Zip(options.Variants)) v.Initialise(options.InitialInstances(spec));
        RebuildWeights();
        _ctx.DesiredChanged = (v, source) => DesiredChanged?.Invoke(v, source);
        _ctx.CountsChanged = v => CountsChanged?.Invoke(v);
    }

    public SimEndpointOptions Options { get; }
    /// <summary>Emulated time: startup delays, drain timeouts, metric periods, history.</summary>
    public TimeProvider Time { get; }
    /// <summary>Real time: request service times and what the admin API reports as now.</summary>
    public TimeProvider RealTime { get; }
    /// <summary>Emulated seconds per real second (1: uncompressed).</summary>
    public double TimeScale { get; }
    public InstanceHistory History { get; }
    public IReadOnlyList<SimVariant> Variants { get; }
    public string EndpointName => Options.EndpointName;

    /// <summary>Raised after a desired count changed (source: "admin", "control-plane", "autoscaler", ...).</summary>
    public event Action<SimVariant, string>? DesiredChanged;

    /// <summary>Raised when an instance went InService or terminated.</summary>
    public event Action<SimVariant>? CountsChanged;

    public SimVariant? Find(string name)
    {
        foreach (var v in Variants)
            if (string.Equals(v.Name, name, StringComparison.Ordinal)) return v;
        return null;
    }

    /// <summary>Chooses a variant by weight (hot path: one draw, no lock).</summary>
    public SimVariant ChooseVariant()
    {
        var variants = Variants;
        if (variants.Count == 1) return variants[0];
        var cumulative = _cumulativeWeights;
        var total = cumulative[^1];
        if (total <= 0) return variants[0];
        var x = _variantRng.NextDouble() * total;
        for (var i = 0; i < cumulative.Length; i++)
            if (x < cumulative[i]) return variants[i];
        return variants[^1];
    }

    public int SetDesired(string variant, int desired, string source) =>
        (Find(variant) ?? throw new ArgumentException($"no variant '{variant}'", nameof(variant))).SetDesired(desired, source);

    public void SetWeight(string variant, double weight)
    {
        if (!(weight >= 0) || double.IsInfinity(weight)) throw new ArgumentOutOfRangeException(nameof(weight), weight, "must be >= 0");
        (Find(variant) ?? throw new ArgumentException($"no variant '{variant}'", nameof(variant))).Weight = weight;
        RebuildWeights();
    }

    private void RebuildWeights()
    {
        var c = new double[Variants.Count];
        double sum = 0;
        for (var i = 0; i < c.Length; i++) { sum += Variants[i].Weight; c[i] = sum; }
        _cumulativeWeights = c;
    }

    /// <summary>Stops startup and drain timers (the host is shutting down).</summary>
    public void Dispose()
    {
        _lifetime.Cancel();
        _lifetime.Dispose();
    }
}
