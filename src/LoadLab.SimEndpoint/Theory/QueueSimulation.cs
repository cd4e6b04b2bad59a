using LoadLab.SimEndpoint.Fleet;
using LoadLab.SimEndpoint.Options;

namespace LoadLab.SimEndpoint.Theory;

/// <summary>Outcome of one discrete-event run of one instance.</summary>
public sealed record QueueRunResult(double RatePerSecond, int Arrivals, int Blocked, double[] SortedLatenciesSeconds)
{
    public double BlockingProbability => Arrivals == 0 ? 0 : (double)Blocked / Arrivals;

    /// <summary>
    /// Latency percentile over every arrival, a blocked (503) request counting as infinitely slow: "p90 ≤ 250 ms"
    /// then means 90 % of requests were served within 250 ms.
    /// </summary>
    public double PercentileSeconds(double p)
    {
        var rank = (int)Math.Ceiling(p / 100.0 * Arrivals);
        if (rank < 1) rank = 1;
        return rank > SortedLatenciesSeconds.Length ? double.PositiveInfinity : SortedLatenciesSeconds[rank - 1];
    }

    /// <summary>Percentile over served requests only (what a latency histogram of 200s shows).</summary>
    public double ServedPercentileSeconds(double p)
    {
        if (SortedLatenciesSeconds.Length == 0) return double.NaN;
        var rank = Math.Clamp((int)Math.Ceiling(p / 100.0 * SortedLatenciesSeconds.Length), 1, SortedLatenciesSeconds.Length);
        return SortedLatenciesSeconds[rank - 1];
    }

    public double MeanServedSeconds => SortedLatenciesSeconds.Length == 0 ? double.NaN : SortedLatenciesSeconds.Average();
}

/// <summary>
/// A seeded discrete-event simulation of one instance as the fleet runs it: Poisson arrivals (random routing splits
/// a Poisson stream into Poisson streams), c workers, a FIFO queue of the given size, service times from the same
/// <see cref="ServiceTimeSpec"/>. Pure: same inputs, same result. Common random numbers across rates (arrival gaps
/// are unit exponentials scaled by 1/rate) make the percentile a smooth function of the rate for the search.
/// </summary>
public sealed class QueueSimulation
{
    private readonly double[] _unitGaps;
    private readonly double[] _service;
    private readonly int _workers;
    private readonly int _capacity;
    private readonly int _warmup;

    public QueueSimulation(int workers, int queue, ServiceTimeSpec service, double payloadSeconds, int arrivals, long seed)
    {
        _workers = workers;
        _capacity = workers + queue;
        _warmup = arrivals / 10;
        var n = arrivals + _warmup;
        var rng = new CounterRng(CounterRng.Derive(seed, "describe", 0));
        _unitGaps = new double[n];
        _service = new double[n];
        for (var i = 0; i < n; i++)
        {
            _unitGaps[i] = -Math.Log(rng.NextDouble());
            _service[i] = service.SampleSeconds(rng.NextDouble(), rng.NextDouble()) + payloadSeconds;
        }
    }

    public int Arrivals => _unitGaps.Length - _warmup;

    public QueueRunResult Run(double ratePerSecond)
    {
        // Servers: min-heap of the times workers become free. In system: min-heap of departure times of admitted
        // requests, so the number present at an arrival is known (bounded queue → blocking).
        var servers = new PriorityQueue<int, double>(_workers);
        for (var k = 0; k < _workers; k++) servers.Enqueue(k, 0);
        var present = new PriorityQueue<byte, double>(_capacity + 1);
        var latencies = new List<double>(Arrivals);
        var blocked = 0;
        var t = 0.0;
        for (var i = 0; i < _unitGaps.Length; i++)
        {
            t += _unitGaps[i] / ratePerSecond;
            while (present.TryPeek(out _, out var dep) && dep <= t) present.Dequeue();
            var measured = i >= _warmup;
            if (present.Count >= _capacity)
            {
                if (measured) blocked++;
                continue;
            }
            servers.TryDequeue(out var worker, out var free);
            var start = Math.Max(t, free);
            var done = start + _service[i];
            servers.Enqueue(worker, done);
            present.Enqueue(0, done);
            if (measured) latencies.Add(done - t);
        }
        var sorted = latencies.ToArray();
        Array.Sort(sorted);
        return new QueueRunResult(ratePerSecond, Arrivals, blocked, sorted);
    }
}
