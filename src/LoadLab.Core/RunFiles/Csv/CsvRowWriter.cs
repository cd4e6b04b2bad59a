using CsvHelper;

namespace LoadLab.Core.RunFiles.Csv;

/// <summary>
/// Writes CSV rows in <see cref="CsvRules.Writing"/>'s dialect (cells quoted only when they must be). Used whole
/// (<see cref="Format"/>) or as a stream that flushes every row, so an interrupted run keeps what it wrote.
/// </summary>
public sealed class CsvRowWriter : IDisposable
{
    private readonly CsvWriter _csv;

    private CsvRowWriter(CsvWriter csv) => _csv = csv;

    public CsvRowWriter(TextWriter writer) : this(CsvWriter.Create(writer, CsvRules.Writing, leaveOpen: true)) { }

    /// <summary>Creates (or truncates) the file, UTF-8 without a byte-order mark; readers may open it while it grows.</summary>
    public static CsvRowWriter Create(string path) => new(CsvWriter.ToFile(path, CsvRules.Writing));

    public void Write(IEnumerable<string> cells)
    {
        foreach (var c in cells) _csv.WriteField(c);
        _csv.EndRecord();
    }

    public void Flush() => _csv.Flush();

    /// <summary>A header line and one line per row, each ending in '\n'.</summary>
    public static string Format(IEnumerable<string> header, IEnumerable<IEnumerable<string>> rows)
    {
        var text = new StringWriter { NewLine = "\n" };
        using (var w = new CsvRowWriter(text))
        {
            w.Write(header);
            foreach (var r in rows) w.Write(r);
        }
        return text.ToString();
    }

    public void Dispose() => _csv.Dispose();
}
