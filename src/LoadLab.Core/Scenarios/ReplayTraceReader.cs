using System.Globalization;
using LoadLab.Core.Errors;
using LoadLab.Core.RunFiles.Csv;

namespace LoadLab.Core.Scenarios;

/// <summary>
/// Reads a replay trace: a CSV with a header <c>period,count</c> (or <c>time,count</c> / <c>timestamp,count</c>) and one
/// row per interval. Timestamps are date-times (<c>1998-04-30 21:30:00</c>, ISO 8601; UTC unless they say otherwise)
/// or plain numbers of seconds. The interval (1 minute or 1 second) is detected from the smallest gap between
/// consecutive timestamps; larger gaps must be whole multiples of it and count as intervals with zero requests
/// (CloudWatch exports omit empty minutes). A smallest gap that is a whole number of minutes (every other minute
/// missing) is read per minute too. Used by the engine (replay phases) and the simulator (policy backtests).
/// </summary>
public static class ReplayTraceReader
{
    private const int MaxProblems = 20;
    private const int MaxRows = 10_000_000;
    private static readonly string[] TimeColumns = ["period", "time", "timestamp"];

    /// <summary>Reads a trace or throws <see cref="UserInputException"/> listing every problem.</summary>
    public static ReplayTrace Read(string path)
    {
        var problems = new List<Problem>();
        return TryRead(path, path, "", problems) ?? throw new UserInputException(problems);
    }

    /// <summary>
    /// Reads a trace; on failure adds located problems (<paramref name="displayPath"/>, CSV line and column,
    /// <paramref name="field"/>) and returns null. The file is read exactly once.
    /// </summary>
    /// <param name="at">Makes the problem for a file that cannot be read at all (the loader locates it at the
    /// scenario's <c>file:</c> value); by default it names the trace file without a position.</param>
    public static ReplayTrace? TryRead(string path, string displayPath, string field, List<Problem> problems,
        Func<string, Problem>? at = null)
    {
        at ??= message => Problem.General(displayPath, field, message);
        string text;
        try
        {
            if (Directory.Exists(path))
            {
                problems.Add(at($"{displayPath} is a folder; replay needs a CSV file"));
                return null;
            }
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add(at(e is FileNotFoundException or DirectoryNotFoundException
                ? $"file not found: {displayPath}" : $"cannot read {displayPath}: {e.Message}"));
            return null;
        }
        return Parse(text, path, displayPath, field, problems);
    }

    /// <summary>
    /// Parses trace text (see the class summary); adds problems and returns null when it is not a usable trace.
    /// Problems carry <paramref name="field"/>; when it is empty, a problem in a cell names that cell's header column.
    /// </summary>
    public static ReplayTrace? Parse(string text, string sourcePath, string displayPath, string field, List<Problem> problems)
    {
        var before = problems.Count;
        string[] header = ["", ""];
        void Add(int line, int column, string message, int cell = -1)
        {
            if (problems.Count - before < MaxProblems)
                problems.Add(new Problem(displayPath, line, column, field.Length == 0 && cell >= 0 ? header[cell] : field, message));
        }

        var times = new List<(double Seconds, int Line)>();
        var counts = new List<double>();
        string? firstTimestamp = null;
        var headerSeen = false;
        var errorsInRows = 0;
        using var csv = CsvRules.Open(text);
        while (CsvRules.Next(csv, displayPath))
        {
            var lineNo = CsvRules.Line(csv);
            var fieldCount = csv.FieldCount;
            if (!headerSeen)
            {
                headerSeen = true;
                var h0 = fieldCount == 2 ? CsvRules.Cell(csv, 0) : "";
                var h1 = fieldCount == 2 ? CsvRules.Cell(csv, 1) : "";
                if (fieldCount != 2 || !TimeColumns.Contains(h0.ToLowerInvariant()) || !h1.Equals("count", StringComparison.OrdinalIgnoreCase))
                {
                    Add(lineNo, 1, $"the first line must be the header 'period,count' (or 'time,count'), found '{Shorten(CsvRules.Raw(csv))}'");
                    return null;
                }
                header = [h0, h1];
                continue;
            }
            if (fieldCount != 2)
            {
                Add(lineNo, 1, $"expected 2 columns (time,count), found {fieldCount}");
                errorsInRows++;
                continue;
            }
            var timeCell = CsvRules.Cell(csv, 0);
            var countCell = CsvRules.Cell(csv, 1);
            var ok = true;
            if (!TryParseTime(timeCell, out var seconds))
            {
                Add(lineNo, CsvRules.ColumnOf(CsvRules.Raw(csv), 0), $"'{Shorten(timeCell)}' is not a timestamp (e.g. 1998-04-30 21:30:00, 2024-05-01T12:00:00Z, or seconds)", 0);
                ok = false;
            }
            if (!double.TryParse(countCell, NumberStyles.Float, CultureInfo.InvariantCulture, out var count) || !double.IsFinite(count))
            {
                Add(lineNo, CsvRules.ColumnOf(CsvRules.Raw(csv), 1), $"count '{Shorten(countCell)}' is not a number", 1);
                ok = false;
            }
            else if (count < 0)
            {
                Add(lineNo, CsvRules.ColumnOf(CsvRules.Raw(csv), 1), $"count {countCell} is negative", 1);
                ok = false;
            }
            if (!ok)
            {
                errorsInRows++;
                continue;
            }
            firstTimestamp ??= timeCell;
            times.Add((seconds, lineNo));
            counts.Add(count);
        }
        var lineCount = text.AsSpan().Count('\n') + 1;

        if (!headerSeen)
        {
            Add(1, 1, "the trace is empty (expected a header 'period,count' and one row per minute or second)");
            return null;
        }
        if (errorsInRows > 0) return null;
        if (counts.Count < 2)
        {
            Add(lineCount, 1, counts.Count == 0
                ? "the trace is empty: it has a header but no rows"
                : "the trace needs at least 2 rows to tell per-minute from per-second counts");
            return null;
        }

        // The interval is the smallest step between rows; time must go forward.
        var interval = double.MaxValue;
        for (var k = 1; k < times.Count; k++)
        {
            var d = times[k].Seconds - times[k - 1].Seconds;
            if (d <= 0)
            {
                Add(times[k].Line, 1, $"timestamp is not after the previous row's (line {times[k - 1].Line}); rows must be in time order without duplicates");
                return null;
            }
            interval = Math.Min(interval, d);
        }
        double step;
        if (Math.Abs(interval - 60) < 1e-6) step = 60;
        else if (Math.Abs(interval - 1) < 1e-6) step = 1;
        else if (interval > 60 && Math.Abs(interval / 60 - Math.Round(interval / 60)) < 1e-6) step = 60; // minutes missing between every row
        else
        {
            var at = times.Skip(1).Zip(times).First(p => Math.Abs(p.First.Seconds - p.Second.Seconds - interval) < 1e-9).First.Line;
            Add(at, 1, $"rows are {interval.ToString("0.###", CultureInfo.InvariantCulture)} s apart; replay needs per-minute (60 s) or per-second (1 s) counts");
            return null;
        }

        // Fill gaps (whole multiples of the interval) with zero counts.
        var filled = new List<double>(counts.Count);
        filled.Add(counts[0]);
        for (var k = 1; k < times.Count; k++)
        {
            var gap = (times[k].Seconds - times[k - 1].Seconds) / step;
            var whole = Math.Round(gap);
            if (Math.Abs(gap - whole) > 1e-6)
            {
                Add(times[k].Line, 1, $"timestamp is {(gap * step).ToString("0.###", CultureInfo.InvariantCulture)} s after the previous row, not a whole number of {(step == 60 ? "minutes" : "seconds")}");
                return null;
            }
            if (filled.Count + whole > MaxRows)
            {
                Add(times[k].Line, 1, $"the trace spans more than {MaxRows:N0} intervals");
                return null;
            }
            for (var z = 1; z < whole; z++) filled.Add(0);
            filled.Add(counts[k]);
        }
        return new ReplayTrace(TimeSpan.FromSeconds(step), filled, sourcePath, firstTimestamp)
        {
            StartUtc = DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(times[0].Seconds * TimeSpan.TicksPerSecond)),
        };
    }

    private static bool TryParseTime(ReadOnlySpan<char> text, out double seconds)
    {
        if (TryParseCommonLayout(text, out seconds)) return true;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds) && double.IsFinite(seconds)) return true;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var t))
        {
            seconds = (t - DateTimeOffset.UnixEpoch).TotalSeconds;
            return true;
        }
        return false;
    }

    /// <summary>
    /// The layout nearly every export uses, <c>yyyy-MM-dd HH:mm:ss</c> (or with 'T', optionally ending in 'Z'), read
    /// digit by digit: several times faster than the general parser on long traces. Anything else (offsets,
    /// fractions, other layouts, impossible dates) returns false and is left to the general parser.
    /// </summary>
    private static bool TryParseCommonLayout(ReadOnlySpan<char> s, out double seconds)
    {
        seconds = 0;
        if (s.Length is not (19 or 20) || (s.Length == 20 && s[19] != 'Z')) return false;
        if (s[4] != '-' || s[7] != '-' || s[10] is not (' ' or 'T') || s[13] != ':' || s[16] != ':') return false;
        int year = Digits(s, 0, 4), month = Digits(s, 5, 2), day = Digits(s, 8, 2);
        int hour = Digits(s, 11, 2), minute = Digits(s, 14, 2), second = Digits(s, 17, 2);
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour is < 0 or > 23 || minute is < 0 or > 59 || second is < 0 or > 59) return false;
        var ticks = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).Ticks - DateTime.UnixEpoch.Ticks;
        seconds = (double)ticks / TimeSpan.TicksPerSecond;
        return true;
    }

    /// <summary>The number written by <paramref name="n"/> ASCII digits at <paramref name="i"/>, or -1.</summary>
    private static int Digits(ReadOnlySpan<char> s, int i, int n)
    {
        var v = 0;
        for (var k = i; k < i + n; k++)
        {
            var d = s[k] - '0';
            if ((uint)d > 9) return -1;
            v = v * 10 + d;
        }
        return v;
    }

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..37] + "...";
}
