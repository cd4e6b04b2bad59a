using LoadLab.Core.Errors;

namespace LoadLab.Core.RunFiles.Csv;

/// <summary>
/// A CSV file as its header and raw cells, for a stage that fills some columns of a file another stage wrote:
/// rewriting keeps every column (and its order) the file had, so enrichment never drops a producer's data.
/// </summary>
public sealed class CsvSheet
{
    private CsvSheet(List<string> header, List<List<string>> rows)
    {
        Header = header;
        Rows = rows;
    }

    public List<string> Header { get; }
    public List<List<string>> Rows { get; }

    public static CsvSheet Parse(string source, string text)
    {
        using var csv = CsvRules.Open(text);
        if (!CsvRules.Next(csv, source)) throw new UserInputException(source, "", "the file is empty (expected a header line)");
        var header = CsvRules.Cells(csv).ToList();
        var rows = new List<List<string>>();
        while (CsvRules.Next(csv, source))
        {
            if (csv.FieldCount != header.Count)
                throw new UserInputException([new Problem(source, CsvRules.Line(csv), 1, "", $"expected {header.Count} cells as in the header, found {csv.FieldCount}")]);
            rows.Add(CsvRules.Cells(csv).ToList());
        }
        return new CsvSheet(header, rows);
    }

    public int IndexOf(string name, params string[] aliases)
    {
        foreach (var n in aliases.Prepend(name).Select(CsvRules.Normalize))
        {
            var i = Header.FindIndex(h => CsvRules.Normalize(h) == n);
            if (i >= 0) return i;
        }
        return -1;
    }

    /// <summary>Index of the column (or of its older name), adding it (empty in every row) when missing.</summary>
    public int EnsureColumn(string name, params string[] aliases)
    {
        var i = IndexOf(name, aliases);
        if (i >= 0) return i;
        Header.Add(name);
        foreach (var r in Rows) r.Add("");
        return Header.Count - 1;
    }

    public string ToCsv() => CsvRowWriter.Format(Header, Rows);
}
