namespace LoadLab.Engine.Targets.Streaming;

/// <summary>
/// When one streamed response's tokens arrived, as <see cref="TimeProvider.GetTimestamp"/> values of the run's clock:
/// the first token, and every gap between consecutive tokens (tokens that arrive in one event are 0 apart). The
/// executor turns the first into time to first token from the scheduled start; the recorder takes the gaps as
/// inter-token latency. Lives for one request.
/// </summary>
public sealed class TokenTimeline
{
    private readonly List<long> _gaps = [];
    private long _last;

    /// <summary>Timestamp of the first token; meaningless while <see cref="OutputTokens"/> is 0.</summary>
    public long FirstTokenTimestamp { get; private set; }
    public int OutputTokens { get; private set; }
    public IReadOnlyList<long> GapTimestamps => _gaps;

    /// <summary><paramref name="tokens"/> token events arrived at <paramref name="timestamp"/>.</summary>
    public void Arrived(int tokens, long timestamp)
    {
        if (tokens <= 0) return;
        if (OutputTokens == 0) FirstTokenTimestamp = timestamp;
        else _gaps.Add(timestamp - _last);
        for (var i = 1; i < tokens; i++) _gaps.Add(0);
        _last = timestamp;
        OutputTokens += tokens;
    }
}
