using System.Globalization;
using CsvHelper;
using LoadLab.Core.Errors;

namespace LoadLab.Core.RunFiles.Csv;

/// <summary>
/// Reads a CSV file with a header into typed rows. Columns are found by their normalised name
/// (<see cref="CsvRules.Normalize"/>) or an alias; columns a reader does not ask for are ignored, so a producer may
/// add columns. Every bad cell is a <see cref="UserInputException"/> naming the file, the line, the character column
/// and the column's name as the header spells it: a number that is not finite, a negative count or rate, a time
/// that is not ISO-8601, a row with more or fewer cells than the header.
/// </summary>
public sealed class CsvRowReader
{
    private readonly string _source;
    private readonly CsvReader _csv;
    private readonly string[] _header;
    private readonly Dictionary<string, int> _index = [];

    private CsvRowReader(string source, CsvReader csv, string[] header, int headerLine)
    {
        _source = source;
        _csv = csv;
        _header = header;
        HeaderLine = headerLine;
        for (var i = 0; i < header.Length; i++) _index.TryAdd(CsvRules.Normalize(header[i]), i);
    }

    public int HeaderLine { get; }

    /// <summary>The line the current row starts on.</summary>
    public int Line => CsvRules.Line(_csv);

    /// <summary>
    /// Parses <paramref name="text"/> (named <paramref name="source"/> in messages), mapping each row with
    /// <paramref name="map"/>. <paramref name="required"/> lists columns the header must have (each entry: a name and
    /// its aliases).
    /// </summary>
    public static List<T> Parse<T>(string source, string text, IReadOnlyList<string[]> required, Func<CsvRowReader, T> map)
    {
        using var csv = CsvRules.Open(text);
        if (!CsvRules.Next(csv, source)) throw new UserInputException(source, "", "the file is empty (expected a header line)");
        var rows = new CsvRowReader(source, csv, CsvRules.Cells(csv), CsvRules.Line(csv));
        var missing = required.Where(names => rows.Find(names) < 0).Select(names => names[0]).ToList();
        if (missing.Count > 0)
            throw new UserInputException([new Problem(source, rows.HeaderLine, 1, string.Join(", ", missing), "required column missing from the header")]);
        var result = new List<T>();
        while (CsvRules.Next(csv, source))
        {
            if (csv.FieldCount != rows._header.Length)
                throw new UserInputException([new Problem(source, CsvRules.Line(csv), 1, "",
                    $"expected {rows._header.Length} cells as in the header, found {csv.FieldCount}")]);
            result.Add(map(rows));
        }
        return result;
    }

    /// <summary>Reads the file at <paramref name="path"/> (see <see cref="Parse{T}"/>).</summary>
    public static List<T> Read<T>(string path, IReadOnlyList<string[]> required, Func<CsvRowReader, T> map) =>
        Parse(path, CsvRules.ReadText(path), required, map);

    public bool Has(params string[] names) => Find(names) >= 0;

    /// <summary>The cell's text, or null when the column is absent or the cell empty.</summary>
    public string? Text(params string[] names)
    {
        var i = Find(names);
        if (i < 0) return null;
        var cell = CsvRules.Cell(_csv, i);
        return cell.Length == 0 ? null : cell;
    }

    /// <summary>A finite number; null when the column is absent or the cell empty.</summary>
    public double? Number(string name, params string[] aliases) => Number(false, name, aliases);

    /// <summary>A finite number that is not negative (a rate, a latency, a count); null when absent or empty.</summary>
    public double? NonNegative(string name, params string[] aliases) => Number(true, name, aliases);

    /// <summary>A whole, non-negative count (written as an integer; <c>12.0</c> is accepted); null when absent or empty.</summary>
    public long? Count(string name, params string[] aliases)
    {
        var v = Number(true, name, aliases);
        if (v is not { } d) return null;
        if (d != Math.Floor(d) || d > long.MaxValue) throw Bad(name, aliases, "is not a whole number");
        return (long)d;
    }

    /// <summary>A UTC time (ISO-8601); null when absent or empty.</summary>
    public DateTimeOffset? Time(string name, params string[] aliases)
    {
        var s = Text([name, .. aliases]);
        if (s is null) return null;
        if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal, out var t))
            return t;
        throw Bad(name, aliases, "is not a UTC time (ISO-8601)");
    }

    /// <summary>The value of a required cell, or a located "the value is empty" problem.</summary>
    public T Required<T>(T? value, string name) where T : struct => value ?? throw Problem(name, [], "the value is empty");

    /// <summary>A located problem in the current row's cell of that column.</summary>
    public UserInputException Problem(string name, string[] aliases, string message)
    {
        var i = Find([name, .. aliases]);
        var field = i < 0 ? name : _header[i];
        var column = i < 0 ? 1 : CsvRules.ColumnOf(CsvRules.Raw(_csv), i);
        return new UserInputException([new Problem(_source, Line, column, field, message)]);
    }

    private double? Number(bool nonNegative, string name, string[] aliases)
    {
        var s = Text([name, .. aliases]);
        if (s is null) return null;
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            throw Bad(name, aliases, "is not a valid number");
        if (!double.IsFinite(v)) throw Bad(name, aliases, "is not a finite number");
        if (nonNegative && v < 0) throw Bad(name, aliases, "is negative");
        return v;
    }

    private UserInputException Bad(string name, string[] aliases, string what) =>
        Problem(name, aliases, $"'{Shorten(Text([name, .. aliases]) ?? "")}' {what}");

    private int Find(string[] names)
    {
        foreach (var n in names)
            if (_index.TryGetValue(CsvRules.Normalize(n), out var i)) return i;
        return -1;
    }

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..37] + "...";
}
