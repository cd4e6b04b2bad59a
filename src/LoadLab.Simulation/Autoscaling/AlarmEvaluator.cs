namespace LoadLab.Simulation.Autoscaling;

/// <summary>
/// One CloudWatch alarm, incrementally: datapoints of its metric are aggregated into the alarm's periods (aligned to
/// the epoch, as CloudWatch aligns them) with the alarm's statistic; each closed period enters a window of the last
/// EvaluationPeriods values; the alarm is in ALARM when at least DatapointsToAlarm of them breach.
/// Missing data (a period with no datapoint, e.g. a minute without invocations, for which SageMaker publishes nothing)
/// never breaches: that is TreatMissingData=missing as seen by the target-tracking alarms, and it is why a fleet
/// without traffic is never scaled in by target tracking.
/// </summary>
public sealed class AlarmEvaluator
{
    private readonly long _periodTicks;
    private readonly double[] _window;
    private int _head;          // index of the slot the next closed period goes into
    private int _filled;
    private int _breaching;
    private long _bucketStart;
    private double _sum, _min, _max;
    private int _count;

    public AlarmSpec Spec { get; }
    /// <summary>Value of the most recently closed period; NaN when it had no data.</summary>
    public double Latest { get; private set; } = double.NaN;
    public bool InAlarm { get; private set; }

    public AlarmEvaluator(AlarmSpec spec, DateTimeOffset startUtc)
    {
        Spec = spec;
        _periodTicks = TimeSpan.FromSeconds(spec.PeriodS).Ticks;
        _window = new double[spec.EvaluationPeriods];
        _bucketStart = Floor(startUtc.UtcTicks);
        ResetBucket();
    }

    private long Floor(long ticks) => ticks - ticks % _periodTicks;

    /// <summary>Adds one published datapoint (ignored when it belongs to a period already evaluated).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void Observe(DateTimeOffset periodStartUtc, double? value)
    {
        var bucket = Floor(periodStartUtc.UtcTicks);
        if (bucket < _bucketStart) return;
        while (bucket > _bucketStart) Close();
        if (value is not { } v || double.IsNaN(v)) return;
        _sum += v;
        _count++;
        if (v < _min) _min = v;
        if (v > _max) _max = v;
    }

    /// <summary>Closes every period that ended at or before <paramref name="nowUtc"/>; true when at least one closed.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public bool Advance(DateTimeOffset nowUtc)
    {
        var closed = false;
        var now = nowUtc.UtcTicks;
        while (_bucketStart + _periodTicks <= now)
        {
            Close();
            closed = true;
        }
        return closed;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void Close()
    {
        var value = _count == 0 ? double.NaN : Spec.Statistic switch
        {
            AlarmStatistic.Sum => _sum,
            AlarmStatistic.Minimum => _min,
            AlarmStatistic.Maximum => _max,
            AlarmStatistic.SampleCount => _count,
            _ => _sum / _count,
        };
        var n = _window.Length;
        if (_filled == n && IsBreaching(_window[_head])) _breaching--;
        _window[_head] = value;
        if (IsBreaching(value)) _breaching++;
        _head = (_head + 1) % n;
        if (_filled < n) _filled++;
        Latest = value;
        InAlarm = _breaching >= Spec.DatapointsToAlarm;
        _bucketStart += _periodTicks;
        ResetBucket();
    }

    private bool IsBreaching(double v) => !double.IsNaN(v) && Spec.Breaches(v);

    private void ResetBucket()
    {
        _sum = 0;
        _count = 0;
        _min = double.PositiveInfinity;
        _max = double.NegativeInfinity;
    }

    /// <summary>Aggregate of the present values in the evaluation window (a step policy's MetricAggregationType).</summary>
    public double Aggregate(AlarmStatistic aggregation)
    {
        double acc = aggregation switch { AlarmStatistic.Minimum => double.PositiveInfinity, AlarmStatistic.Maximum => double.NegativeInfinity, _ => 0 };
        var count = 0;
        for (var i = 0; i < _filled; i++)
        {
            var v = _window[i];
            if (double.IsNaN(v)) continue;
            count++;
            acc = aggregation switch
            {
                AlarmStatistic.Minimum => Math.Min(acc, v),
                AlarmStatistic.Maximum => Math.Max(acc, v),
                _ => acc + v,
            };
        }
        if (count == 0) return double.NaN;
        return aggregation is AlarmStatistic.Minimum or AlarmStatistic.Maximum ? acc : acc / count;
    }
}
