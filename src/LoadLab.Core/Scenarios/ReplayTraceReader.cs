using System.Globalization;
using LoadLab.Core.Errors;

namespace LoadLab.Core.Scenarios;

/// <summary>
/// Reads a replay trace: a CSV with a header <c>period,count</c> (or <c>time,count</c> / <c>timestamp,count</c>) and one
/// row per interval. Timestamps are date-times (<c>1998-04-30 21:30:00</c>, ISO 8601; UTC unless they say otherwise)
/// or plain numbers of seconds. The interval (1 minute or 1 second) is detected from the smallest gap between
/// consecutive timestamps; larger gaps must be whole multiples of it and count as intervals with zero requests
/// (CloudWatch exports omit empty minutes).
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

    /// <summary>Parses trace text (see the class summary); adds problems and returns null when it is not a usable trace.</summary>
    public static ReplayTrace? Parse(string text, string sourcePath, string displayPath, string field, List<Problem> problems)
    {
        var before = problems.Count;
        void Add(int line, int column, string message)
        {
            if (problems.Count - before < MaxProblems) problems.Add(new Problem(displayPath, line, column, field, message));
        }

        var lines = text.Split('\n');
        var times = new List<(double Seconds, int Line)>();
        var counts = new List<double>();
        string? firstTimestamp = null;
        var headerSeen = false;
        var errorsInRows = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var lineNo = i + 1;
            if (line.Trim().Length == 0) continue;
            var cells = SplitCells(line);
            if (!headerSeen)
            {
                headerSeen = true;
                if (cells.Count != 2 || !TimeColumns.Contains(cells[0].Text.ToLowerInvariant()) || !cells[1].Text.Equals("count", StringComparison.OrdinalIgnoreCase))
                {
                    Add(lineNo, 1, $"the first line must be the header 'period,count' (or 'time,count'), found '{Shorten(line)}'");
                    return null;
                }
                continue;
            }
            if (cells.Count != 2)
            {
                Add(lineNo, 1, $"expected 2 columns (time,count), found {cells.Count}");
                errorsInRows++;
                continue;
            }
            var ok = true;
            if (!TryParseTime(cells[0].Text, out var seconds))
            {
                Add(lineNo, cells[0].Column, $"'{Shorten(cells[0].Text)}' is not a timestamp (e.g. 1998-04-30 21:30:00, 2024-05-01T12:00:00Z, or seconds)");
                ok = false;
            }
            if (!double.TryParse(cells[1].Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var count) || !double.IsFinite(count))
            {
                Add(lineNo, cells[1].Column, $"count '{Shorten(cells[1].Text)}' is not a number");
                ok = false;
            }
            else if (count < 0)
            {
                Add(lineNo, cells[1].Column, $"count {cells[1].Text} is negative");
                ok = false;
            }
            if (!ok)
            {
                errorsInRows++;
                continue;
            }
            firstTimestamp ??= cells[0].Text;
            times.Add((seconds, lineNo));
            counts.Add(count);
        }

        if (!headerSeen)
        {
            Add(1, 1, "the trace is empty (expected a header 'period,count' and one row per minute or second)");
            return null;
        }
        if (errorsInRows > 0) return null;
        if (counts.Count < 2)
        {
            Add(lines.Length, 1, counts.Count == 0
                ? "the trace has a header but no rows"
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
        return new ReplayTrace(TimeSpan.FromSeconds(step), filled, sourcePath, firstTimestamp);
    }

    private static bool TryParseTime(string text, out double seconds)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds) && double.IsFinite(seconds)) return true;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var t))
        {
            seconds = (t - DateTimeOffset.UnixEpoch).TotalSeconds;
            return true;
        }
        return false;
    }

    private static List<(string Text, int Column)> SplitCells(string line)
    {
        var cells = new List<(string, int)>();
        var start = 0;
        while (true)
        {
            var comma = line.IndexOf(',', start);
            var raw = comma < 0 ? line[start..] : line[start..comma];
            var lead = raw.Length - raw.TrimStart().Length;
            var cell = raw.Trim();
            if (cell.Length >= 2 && cell[0] == '"' && cell[^1] == '"') cell = cell[1..^1].Trim();
            cells.Add((cell, start + lead + 1));
            if (comma < 0) return cells;
            start = comma + 1;
        }
    }

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..37] + "...";
}
