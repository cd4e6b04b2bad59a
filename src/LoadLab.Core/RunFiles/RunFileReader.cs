using System.Globalization;
using System.Reflection;
using System.Text;
using LoadLab.Core.Errors;

namespace LoadLab.Core.RunFiles;

/// <summary>
/// Reads <c>timeline.csv</c> and <c>steps.csv</c> into their records (<see cref="TimelineRow"/>, <see cref="StepRow"/>).
/// Columns are matched to properties by a normalised name (case, '_', '-' and spaces ignored), so
/// <c>client_p90_ms</c>, <c>ClientP90Ms</c> and <c>clientp90ms</c> are one column; unknown columns are ignored (a
/// producer may add columns) and missing ones keep the record's default, except the required ones.
/// Bad cells throw <see cref="UserInputException"/> naming file, line, column and field.
/// </summary>
public static class RunFileReader
{
    public static IReadOnlyList<TimelineRow> ReadTimeline(string path) =>
        ParseTimeline(path, File.ReadAllText(path));

    public static IReadOnlyList<StepRow> ReadSteps(string path) =>
        ParseSteps(path, File.ReadAllText(path));

    public static IReadOnlyList<TimelineRow> ParseTimeline(string source, string csv) =>
        ParseTimeline(source, csv, []);

    /// <summary>Reads a timeline that must also have <paramref name="requiredColumns"/> (property names, e.g.
    /// <c>Offered</c> for a reader that replays the offered load); TimeUtc is always required.</summary>
    public static IReadOnlyList<TimelineRow> ReadTimeline(string path, IReadOnlyCollection<string> requiredColumns) =>
        ParseTimeline(path, File.ReadAllText(path), requiredColumns);

    /// <inheritdoc cref="ReadTimeline(string, IReadOnlyCollection{string})"/>
    public static IReadOnlyList<TimelineRow> ParseTimeline(string source, string csv, IReadOnlyCollection<string> requiredColumns) =>
        Parse<TimelineRow>(source, csv, ["TimeUtc", .. requiredColumns.Where(c => c != "TimeUtc")],
            new Dictionary<string, string> { ["time"] = "TimeUtc", ["t"] = "TimeUtc" });

    public static IReadOnlyList<StepRow> ParseSteps(string source, string csv) =>
        Parse<StepRow>(source, csv, ["Step", "StartUtc", "EndUtc"],
            new Dictionary<string, string>
            {
                ["ipm"] = "InvocationsPerInstancePerMin", ["ipi"] = "InvocationsPerInstancePerMin",
                // The names before the columns said their unit, so older run directories still read.
                ["errorrate"] = "ErrorRateFraction", ["cpupercent"] = "CpuPct",
            });

    public static string Normalize(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in name)
            if (c is not ('_' or '-' or ' ')) sb.Append(char.ToLowerInvariant(c));
        return sb.ToString();
    }

    private static IReadOnlyList<T> Parse<T>(string source, string csv, string[] required, Dictionary<string, string> aliases)
        where T : class
    {
        var lines = SplitLines(csv);
        int headerIndex = lines.FindIndex(l => l.Text.Trim().Length > 0);
        if (headerIndex < 0) throw new UserInputException(source, "", "the file is empty (expected a header line)");

        var header = SplitCells(lines[headerIndex].Text);
        var props = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite)
            .ToDictionary(p => Normalize(p.Name));
        var columns = new PropertyInfo?[header.Count];
        for (int i = 0; i < header.Count; i++)
        {
            var n = Normalize(header[i].Trim());
            if (!props.TryGetValue(n, out var p) && aliases.FirstOrDefault(a => Normalize(a.Key) == n).Value is { } target)
                props.TryGetValue(Normalize(target), out p);
            columns[i] = p;
        }
        var missing = required.Where(r => !columns.Any(c => c?.Name == r)).ToList();
        if (missing.Count > 0)
            throw new UserInputException([new Problem(source, lines[headerIndex].Number, 1, string.Join(", ", missing),
                "required column missing from the header")]);

        var rows = new List<T>();
        for (int li = headerIndex + 1; li < lines.Count; li++)
        {
            var (number, text) = lines[li];
            if (text.Trim().Length == 0) continue;
            var cells = SplitCells(text);
            if (cells.Count != header.Count)
                throw new UserInputException([new Problem(source, number, 1, "",
                    $"expected {header.Count} cells as in the header, found {cells.Count}")]);
            // Records with required members: create without constructor, then set every mapped member.
            var row = (T)System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(typeof(T));
            for (int c = 0; c < cells.Count; c++)
            {
                var p = columns[c];
                if (p is null) continue;
                var value = ConvertCell(cells[c].Trim(), p.PropertyType, source, number, c + 1, header[c].Trim());
                if (value is not null || Nullable.GetUnderlyingType(p.PropertyType) is not null) p.SetValue(row, value);
            }
            rows.Add(row);
        }
        return rows;
    }

    private static object? ConvertCell(string cell, Type type, string source, int line, int col, string field)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (cell.Length == 0) return null;
        try
        {
            if (t == typeof(double)) return CsvFormat.ParseNumber(cell);
            if (t == typeof(long)) return checked((long)Math.Round(double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture)));
            if (t == typeof(int)) return checked((int)Math.Round(double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture)));
            if (t == typeof(DateTimeOffset)) return CsvFormat.ParseTime(cell);
            if (t == typeof(bool)) return bool.Parse(cell);
            if (t == typeof(string)) return cell;
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new UserInputException([new Problem(source, line, col, field, $"'{cell}' is not a valid {Describe(t)}")]);
        }
        return null;
    }

    private static string Describe(Type t) =>
        t == typeof(DateTimeOffset) ? "UTC time (ISO-8601)" : t == typeof(bool) ? "true/false" : "number";

    private static List<(int Number, string Text)> SplitLines(string csv)
    {
        var result = new List<(int, string)>();
        var lines = csv.Replace("\r\n", "\n").Split('\n');
        for (int i = 0; i < lines.Length; i++)
            if (!lines[i].StartsWith('#')) result.Add((i + 1, lines[i]));
        return result;
    }

    /// <summary>RFC 4180 cells of one line (quoted cells may hold commas and doubled quotes).</summary>
    private static List<string> SplitCells(string line)
    {
        var cells = new List<string>();
        var sb = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else sb.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { cells.Add(sb.ToString()); sb.Clear(); }
            else sb.Append(c);
        }
        cells.Add(sb.ToString());
        return cells;
    }
}
