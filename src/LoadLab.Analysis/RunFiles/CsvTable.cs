using LoadLab.Core.Errors;
using LoadLab.Core.RunFiles;

namespace LoadLab.Analysis.RunFiles;

/// <summary>
/// A CSV file as a header plus rows of raw cells, with line numbers kept for messages. Columns are found by a
/// normalised name (case and underscores ignored) so "client_p90_ms" and "ClientP90Ms" are the same column:
/// the engine owns the exact header spelling, analysis only needs to find the columns.
/// Rewriting keeps every column (and its order) the file had, so enrichment never drops a producer's data.
/// </summary>
public sealed class CsvTable
{
    public string FilePath { get; }
    public List<string> Header { get; }
    public List<CsvRecord> Rows { get; }

    private CsvTable(string filePath, List<string> header, List<CsvRecord> rows)
    {
        FilePath = filePath;
        Header = header;
        Rows = rows;
    }

    public static string Normalize(string name) =>
        new(name.Where(c => c != '_' && c != '-' && c != ' ').Select(char.ToLowerInvariant).ToArray());

    /// <summary>Parses CSV text; throws <see cref="UserInputException"/> naming the file and line on malformed input.</summary>
    public static CsvTable Parse(string filePath, string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        int first = Array.FindIndex(lines, l => l.Trim().Length > 0);
        if (first < 0) throw new UserInputException(filePath, "", "the file is empty (expected a header line)");
        var header = Split(lines[first]).Select(h => h.Trim()).ToList();
        var rows = new List<CsvRecord>();
        for (int i = first + 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0) continue;
            var cells = Split(lines[i]);
            if (cells.Count != header.Count)
                throw new UserInputException([new Problem(filePath, i + 1, 1, "",
                    $"expected {header.Count} columns as in the header, found {cells.Count}")]);
            rows.Add(new CsvRecord(i + 1, cells));
        }
        return new CsvTable(filePath, header, rows);
    }

    public static CsvTable Empty(string filePath, IEnumerable<string> header) => new(filePath, header.ToList(), []);

    public int IndexOf(string name)
    {
        var n = Normalize(name);
        return Header.FindIndex(h => Normalize(h) == n);
    }

    /// <summary>Index of the column, adding it (empty in every row) when missing.</summary>
    public int EnsureColumn(string name)
    {
        int i = IndexOf(name);
        if (i >= 0) return i;
        Header.Add(name);
        foreach (var r in Rows) r.Cells.Add("");
        return Header.Count - 1;
    }

    public double? Number(CsvRecord row, int column, string field)
    {
        if (column < 0) return null;
        var s = row.Cells[column].Trim();
        try { return CsvFormat.ParseNumber(s); }
        catch (FormatException)
        {
            throw new UserInputException([new Problem(FilePath, row.Line, column + 1, field, $"'{s}' is not a number")]);
        }
    }

    public DateTimeOffset? Time(CsvRecord row, int column, string field)
    {
        if (column < 0) return null;
        var s = row.Cells[column].Trim();
        if (s.Length == 0) return null;
        try { return CsvFormat.ParseTime(s); }
        catch (FormatException)
        {
            throw new UserInputException([new Problem(FilePath, row.Line, column + 1, field, $"'{s}' is not an ISO-8601 UTC time")]);
        }
    }

    public string ToCsv()
    {
        var sb = new System.Text.StringBuilder();
        sb.Append(string.Join(',', Header)).Append('\n');
        foreach (var r in Rows) sb.Append(string.Join(',', r.Cells)).Append('\n');
        return sb.ToString();
    }

    // Run files are numeric; quotes are honoured anyway so a quoted cell with a comma does not shift columns.
    private static List<string> Split(string line)
    {
        var cells = new List<string>();
        var cur = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { cur.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cur.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { cells.Add(cur.ToString()); cur.Clear(); }
            else cur.Append(c);
        }
        cells.Add(cur.ToString());
        return cells;
    }
}

public sealed record CsvRecord(int Line, List<string> Cells);
