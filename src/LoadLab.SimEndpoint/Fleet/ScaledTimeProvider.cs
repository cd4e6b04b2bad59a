namespace LoadLab.SimEndpoint.Fleet;

/// <summary>
/// Emulated time for the fleet: <c>scale</c> emulated seconds pass per real second of the inner provider, from the
/// moment this provider is created. Startup delays, drain timeouts, metric periods and history timestamps all read
/// this clock, so time compression applies to them consistently. Request service times stay real.
/// With scale 1 it is the inner provider.
/// </summary>
public sealed class ScaledTimeProvider : TimeProvider
{
    private readonly TimeProvider _inner;
    private readonly DateTimeOffset _originUtc;
    private readonly long _originTimestamp;

    public ScaledTimeProvider(TimeProvider inner, double scale)
    {
        if (!(scale >= 1)) throw new ArgumentOutOfRangeException(nameof(scale), scale, "must be >= 1");
        _inner = inner;
        Scale = scale;
        _originUtc = inner.GetUtcNow();
        _originTimestamp = inner.GetTimestamp();
    }

    public double Scale { get; }

    public TimeProvider Inner => _inner;

    public override DateTimeOffset GetUtcNow()
    {
        if (Scale == 1) return _inner.GetUtcNow();
        var realElapsed = _inner.GetElapsedTime(_originTimestamp);
        return _originUtc + TimeSpan.FromTicks((long)(realElapsed.Ticks * Scale));
    }

    public override long TimestampFrequency => _inner.TimestampFrequency;

    public override long GetTimestamp()
    {
        var now = _inner.GetTimestamp();
        return Scale == 1 ? now : _originTimestamp + (long)((now - _originTimestamp) * Scale);
    }

    public override TimeZoneInfo LocalTimeZone => _inner.LocalTimeZone;

    /// <summary>Real duration of an emulated one.</summary>
    public TimeSpan ToReal(TimeSpan emulated) =>
        emulated == Timeout.InfiniteTimeSpan ? emulated : TimeSpan.FromTicks((long)(emulated.Ticks / Scale));

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new ScaledTimer(this, _inner.CreateTimer(callback, state, ToReal(dueTime), ToReal(period)));

    /// <summary>Keeps <see cref="ITimer.Change"/> in emulated time too.</summary>
    private sealed class ScaledTimer(ScaledTimeProvider owner, ITimer inner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(owner.ToReal(dueTime), owner.ToReal(period));
        public void Dispose() => inner.Dispose();
        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
