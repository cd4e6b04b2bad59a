using HdrHistogram;
using LoadLab.Core.RunFiles;
using LoadLab.Engine.Targets.Streaming;

namespace LoadLab.Engine.Recording;

/// <summary>
/// The streaming measurements of a run, beside <see cref="RunRecorder"/>'s: time to first token (from the SCHEDULED
/// start, so a server that stalls before its first token shows it, as latency does), every inter-token gap, and
/// output tokens, per second (interval recorders) and per steady step. Successful requests only, as latency. Constant
/// memory: no per-request storage beyond the request's own <see cref="TokenTimeline"/>.
/// </summary>
public sealed class TokenRecorder
{
    private readonly Recorder _ttft = Histograms.CreateRecorder();
    private readonly Recorder _itl = Histograms.CreateRecorder();
    private HistogramBase? _ttftSpare, _itlSpare;
    private readonly LongHistogram _totalTtft = Histograms.Create();
    private readonly LongHistogram _totalItl = Histograms.Create();
    private readonly Step[] _steps;
    private readonly double _tsToUs;
    private long _tokens, _tokensTaken;

    /// <param name="timestampFrequency">The run clock's <see cref="TimeProvider.TimestampFrequency"/> (token gaps are in its ticks).</param>
    public TokenRecorder(int stepCount, long timestampFrequency)
    {
        _steps = new Step[stepCount];
        for (var i = 0; i < stepCount; i++) _steps[i] = new Step();
        _tsToUs = 1e6 / timestampFrequency;
    }

    /// <summary>A successful streamed request ended; <paramref name="ttftUs"/> is its first token minus its scheduled start.</summary>
    public void Record(TokenTimeline tokens, long ttftUs, int steadyStep)
    {
        var step = steadyStep >= 0 ? _steps[steadyStep] : null;
        Interlocked.Add(ref _tokens, tokens.OutputTokens);
        if (step is not null) Interlocked.Add(ref step.Tokens, tokens.OutputTokens);
        if (tokens.OutputTokens == 0) return;
        var ttft = Histograms.Clamp(ttftUs);
        _ttft.RecordValue(ttft);
        step?.Ttft.RecordValue(ttft);
        foreach (var gap in tokens.GapTimestamps)
        {
            var us = Histograms.Clamp((long)(gap * _tsToUs));
            _itl.RecordValue(us);
            step?.Itl.RecordValue(us);
        }
    }

    /// <summary>Closes the interval [start, end) (single caller, the reporter), tagged for the latency log.</summary>
    public TokenInterval Take(DateTimeOffset start, DateTimeOffset end)
    {
        var ttft = Swap(_ttft, ref _ttftSpare, start, end, LatencyLogTags.TimeToFirstToken);
        var itl = Swap(_itl, ref _itlSpare, start, end, LatencyLogTags.InterTokenLatency);
        _totalTtft.Add(ttft);
        _totalItl.Add(itl);
        var now = Volatile.Read(ref _tokens);
        var tokens = now - _tokensTaken;
        _tokensTaken = now;
        var seconds = Math.Max(1e-3, (end - start).TotalSeconds);
        return new TokenInterval(ttft, itl, tokens, Cells(ttft, itl, tokens, seconds));
    }

    public void Recycle(TokenInterval interval)
    {
        _ttftSpare = interval.Ttft;
        _itlSpare = interval.Itl;
    }

    public long TotalTokens => Volatile.Read(ref _tokens);
    public HistogramBase TotalTimeToFirstToken => _totalTtft;
    public HistogramBase TotalInterTokenLatency => _totalItl;

    /// <summary>The step's columns over the <paramref name="seconds"/> it ran.</summary>
    public TokenCells StepCells(int index, double seconds)
    {
        var s = _steps[index];
        return Cells(s.Ttft, s.Itl, Volatile.Read(ref s.Tokens), seconds);
    }

    private static TokenCells Cells(HistogramBase ttft, HistogramBase itl, long tokens, double seconds) => new(
        Histograms.PercentileMs(ttft, 50), Histograms.PercentileMs(ttft, 90),
        Histograms.PercentileMs(itl, 50), Histograms.PercentileMs(itl, 90),
        tokens, seconds > 0 ? tokens / seconds : double.NaN);

    private static HistogramBase Swap(Recorder recorder, ref HistogramBase? spare, DateTimeOffset start, DateTimeOffset end, string tag)
    {
        var h = spare is null ? recorder.GetIntervalHistogram() : recorder.GetIntervalHistogram(spare);
        spare = null;
        h.StartTimeStamp = start.ToUnixTimeMilliseconds();
        h.EndTimeStamp = end.ToUnixTimeMilliseconds();
        h.Tag = tag;
        return h;
    }

    private sealed class Step
    {
        public long Tokens;
        public readonly LongConcurrentHistogram Ttft = Histograms.CreateConcurrent();
        public readonly LongConcurrentHistogram Itl = Histograms.CreateConcurrent();
    }
}

/// <summary>One second of streaming measurements: the tagged histograms (µs) and the timeline cells.</summary>
public sealed record TokenInterval(HistogramBase Ttft, HistogramBase Itl, long OutputTokens, TokenCells Cells);
