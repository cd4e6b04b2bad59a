using System.Text;
using LoadLab.Core.RunFiles;

namespace LoadLab.Engine.Recording;

/// <summary>
/// Appends <c>timeline.csv</c> one row per second, flushed as it goes, so an interrupted run keeps every second it
/// measured. Column names are the snake_case of <see cref="TimelineRow"/> (read back by <see cref="RunFileReader"/>).
/// </summary>
public sealed class TimelineCsvWriter : IDisposable
{
    public static readonly string Header =
        "time_utc,offered,started,completed,ok,err_model,err_throttle,err_5xx,err_4xx,err_timeout,err_connection,dropped,late,in_flight,p50_ms,p90_ms,p99_ms";

    private readonly StreamWriter _writer;

    public TimelineCsvWriter(string path)
    {
        _writer = new StreamWriter(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read), new UTF8Encoding(false))
        {
            NewLine = "\n",
        };
        _writer.WriteLine(Header);
        _writer.Flush();
    }

    public void Append(TimelineRow r)
    {
        _writer.WriteLine(Format(r));
        _writer.Flush();
    }

    public static string Format(TimelineRow r) => string.Join(',',
        CsvFormat.Time(r.TimeUtc), L(r.Offered), L(r.Started), L(r.Completed), L(r.Ok), L(r.ErrModel), L(r.ErrThrottle),
        L(r.Err5xx), L(r.Err4xx), L(r.ErrTimeout), L(r.ErrConnection), L(r.Dropped), L(r.Late), L(r.InFlight),
        CsvFormat.Number(r.P50Ms), CsvFormat.Number(r.P90Ms), CsvFormat.Number(r.P99Ms));

    private static string L(long v) => v.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose() => _writer.Dispose();
}
