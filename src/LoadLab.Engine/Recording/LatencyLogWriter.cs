using System.Text;
using HdrHistogram;

namespace LoadLab.Engine.Recording;

/// <summary>
/// Appends <c>latency.hlog</c>: the standard HdrHistogram interval log (version header, StartTime, legend, then one
/// compressed histogram per line), produced by the package's <see cref="HistogramLogWriter"/> and flushed every
/// interval so an interrupted run keeps what it measured. See <see cref="LatencyLogTags"/> for the tags.
/// <para>HdrHistogram.NET 2.5.0 writes its text as UTF-16; the Java, C, Go and Python readers (and the log
/// processors and plotters) expect ASCII. So the package's writer writes into a memory buffer and each batch of
/// lines is re-encoded to ASCII (the format's text is ASCII only) before it goes to the file.</para>
/// </summary>
public sealed class LatencyLogWriter : IDisposable
{
    private readonly MemoryStream _buffer = new();
    private readonly HistogramLogWriter _writer;
    private readonly FileStream _file;

    public LatencyLogWriter(string path, DateTimeOffset startUtc)
    {
        _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
        _writer = new HistogramLogWriter(_buffer);
        // The format version, the StartTime comment and the legend; histograms follow with Append.
        _writer.Write(startUtc.UtcDateTime);
        Drain();
    }

    public void Append(IntervalSample sample)
    {
        // Empty error/service/lateness intervals are skipped: absence means zero and keeps the log small.
        _writer.Append(sample.OkLatency);
        if (sample.ErrorLatency.TotalCount > 0) _writer.Append(sample.ErrorLatency);
        if (sample.ServiceTime.TotalCount > 0) _writer.Append(sample.ServiceTime);
        if (sample.Lateness.TotalCount > 0) _writer.Append(sample.Lateness);
        if (sample.Tokens is { } t)
        {
            if (t.Ttft.TotalCount > 0) _writer.Append(t.Ttft);
            if (t.Itl.TotalCount > 0) _writer.Append(t.Itl);
        }
        Drain();
    }

    /// <summary>Appends histograms that already carry their tag and start/end timestamps (the shard merge writes this way).</summary>
    public void Append(IEnumerable<HistogramBase> histograms)
    {
        foreach (var h in histograms) _writer.Append(h);
        Drain();
    }

    private Encoding? _encoding;

    private void Drain()
    {
        if (_buffer.Length == 0) return;
        var b = _buffer.GetBuffer();
        // Decided once from the first batch (it carries the preamble when the writer emits one).
        _encoding ??= b.Length >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || b[1] == 0) ? Encoding.Unicode : Encoding.UTF8;
        var text = _encoding.GetString(b, 0, (int)_buffer.Length).TrimStart('\uFEFF');
        _file.Write(Encoding.ASCII.GetBytes(text));
        _file.Flush();
        _buffer.SetLength(0);
    }

    public void Dispose()
    {
        _writer.Dispose();
        Drain();
        _file.Dispose();
    }
}
