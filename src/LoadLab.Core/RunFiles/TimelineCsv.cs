using LoadLab.Core.RunFiles.Csv;

namespace LoadLab.Core.RunFiles;

/// <summary>
/// <c>timeline.csv</c>: one <see cref="TimelineRow"/> per second, written by the engine as it goes
/// (<see cref="Writer"/>). Reading: time_utc is required (aliases <c>time</c>, <c>t</c>); a missing count is 0 and a
/// missing or empty percentile NaN (a second without a successful request); counts and latencies must be finite and
/// not negative.
/// </summary>
public static class TimelineCsv
{
    private static readonly (string Name, Func<TimelineRow, string> Cell)[] Columns =
    [
        ("time_utc", r => CsvFormat.Time(r.TimeUtc)),
        ("offered", r => CsvFormat.Count(r.Offered)),
        ("started", r => CsvFormat.Count(r.Started)),
        ("completed", r => CsvFormat.Count(r.Completed)),
        ("ok", r => CsvFormat.Count(r.Ok)),
        ("err_model", r => CsvFormat.Count(r.ErrModel)),
        ("err_throttle", r => CsvFormat.Count(r.ErrThrottle)),
        ("err_5xx", r => CsvFormat.Count(r.Err5xx)),
        ("err_4xx", r => CsvFormat.Count(r.Err4xx)),
        ("err_timeout", r => CsvFormat.Count(r.ErrTimeout)),
        ("err_connection", r => CsvFormat.Count(r.ErrConnection)),
        ("dropped", r => CsvFormat.Count(r.Dropped)),
        ("late", r => CsvFormat.Count(r.Late)),
        ("in_flight", r => CsvFormat.Count(r.InFlight)),
        ("p50_ms", r => CsvFormat.Number(r.P50Ms)),
        ("p90_ms", r => CsvFormat.Number(r.P90Ms)),
        ("p99_ms", r => CsvFormat.Number(r.P99Ms)),
    ];

    private static readonly string[] TimeNames = ["time_utc", "time", "t"];

    public static string Header { get; } = string.Join(',', Columns.Select(c => c.Name));

    public static IReadOnlyList<TimelineRow> Read(string path) => Read(path, []);

    public static IReadOnlyList<TimelineRow> Parse(string source, string text) => Parse(source, text, []);

    /// <summary>Reads a timeline that must also have the <paramref name="requiredColumns"/> (e.g. <c>offered</c>, for a reader that replays the offered load).</summary>
    public static IReadOnlyList<TimelineRow> Read(string path, IReadOnlyCollection<string> requiredColumns) =>
        CsvRowReader.Read(path, RequiredOf(requiredColumns), Row);

    /// <inheritdoc cref="Read(string, IReadOnlyCollection{string})"/>
    public static IReadOnlyList<TimelineRow> Parse(string source, string text, IReadOnlyCollection<string> requiredColumns) =>
        CsvRowReader.Parse(source, text, RequiredOf(requiredColumns), Row);

    public static string FormatRow(TimelineRow r) => CsvRowWriter.Format(Columns.Select(c => c.Cell(r)), []).TrimEnd('\n');

    /// <summary>Creates <paramref name="path"/> with the header and appends one flushed row per <see cref="Writer.Append"/>.</summary>
    public sealed class Writer : IDisposable
    {
        private readonly CsvRowWriter _csv;

        private readonly bool _streaming;

        /// <param name="streaming">Adds the <see cref="TokenCells"/> columns (streaming runs only).</param>
        public Writer(string path, bool streaming = false)
        {
            _streaming = streaming;
            _csv = CsvRowWriter.Create(path);
            _csv.Write(Columns.Select(c => c.Name).Concat(streaming ? TokenCells.Columns.Select(c => c.Name) : []));
            _csv.Flush();
        }

        public void Append(TimelineRow r)
        {
            _csv.Write(Columns.Select(c => c.Cell(r)).Concat(_streaming ? TokenCells.Columns.Select(c => c.Cell(r.Tokens)) : []));
            _csv.Flush();
        }

        public void Dispose() => _csv.Dispose();
    }

    private static string[][] RequiredOf(IReadOnlyCollection<string> columns) =>
        [TimeNames, .. columns.Where(c => !TimeNames.Contains(c)).Select(c => new[] { c })];

    private static TimelineRow Row(CsvRowReader r) => new()
    {
        TimeUtc = r.Required(r.Time("time_utc", "time", "t"), "time_utc"),
        Offered = r.Count("offered") ?? 0,
        Started = r.Count("started") ?? 0,
        Completed = r.Count("completed") ?? 0,
        Ok = r.Count("ok") ?? 0,
        ErrModel = r.Count("err_model") ?? 0,
        ErrThrottle = r.Count("err_throttle") ?? 0,
        Err5xx = r.Count("err_5xx") ?? 0,
        Err4xx = r.Count("err_4xx") ?? 0,
        ErrTimeout = r.Count("err_timeout") ?? 0,
        ErrConnection = r.Count("err_connection") ?? 0,
        Dropped = r.Count("dropped") ?? 0,
        Late = r.Count("late") ?? 0,
        InFlight = r.Count("in_flight") ?? 0,
        P50Ms = r.NonNegative("p50_ms") ?? double.NaN,
        P90Ms = r.NonNegative("p90_ms") ?? double.NaN,
        P99Ms = r.NonNegative("p99_ms") ?? double.NaN,
        Tokens = TokenCells.Read(r),
    };
}
