using System.Text;
using LoadLab.Telemetry.Sinks;

namespace LoadLab.Telemetry.Jsonl;

/// <summary>
/// <c>--out jsonl=FILE</c>: one line per second and one per event (<see cref="TelemetryJson"/>), each flushed to the
/// file as it is written so that <c>tail -f</c> and log shippers see it at once.
/// </summary>
public sealed class JsonlSink : BoundedSink
{
    private readonly StreamWriter _writer;

    public JsonlSink(string path, int capacity, TimeProvider time) : base("jsonl", capacity, time)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } dir) Directory.CreateDirectory(dir);
        // Readers may tail it while we write: share read.
        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
        _writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\n" };
    }

    protected override async ValueTask HandleAsync(TelemetryItem item)
    {
        await _writer.WriteLineAsync(TelemetryJson.Line(item)).ConfigureAwait(false);
        await _writer.FlushAsync().ConfigureAwait(false);
    }

    protected override async ValueTask CloseAsync() => await _writer.DisposeAsync().ConfigureAwait(false);
}
