using System.Globalization;
using System.Text;
using CsvHelper;
using LoadLab.Core.Errors;

namespace LoadLab.Core.RunFiles.Csv;

/// <summary>
/// The one CSV dialect LoadLab reads and writes (RFC 4180 through CsvHelper): invariant culture, ',' between cells,
/// '\n' after every row, cells trimmed, '#' lines ignored on reading. Every CSV reader and writer of the
/// solution is built from these settings, so a file LoadLab writes is a file it reads back.
/// </summary>
public static class CsvRules
{
    public static CsvReaderOptions Reading { get; } = new()
    {
        Separator = ',',
        HasHeader = false, // headers are matched by LoadLab's own rules (normalised names, aliases)
        TrimWhitespace = true,
        CommentPrefix = '#',
        SkipEmptyLines = true,
        TrackLineNumbers = true,
        MalformedData = CsvMalformedDataHandling.Throw,
        FieldCountMismatch = CsvFieldCountHandling.Allow, // the readers say which line has too many or too few cells
        FormatProvider = CultureInfo.InvariantCulture,
    };

    public static CsvWriterOptions Writing { get; } = new()
    {
        Separator = ',',
        NewLine = "\n",
        FormatProvider = CultureInfo.InvariantCulture,
    };

    /// <summary>Column names compare with case, '_', '-' and spaces ignored: <c>client_p90_ms</c> = <c>ClientP90Ms</c>.</summary>
    public static string Normalize(string name)
    {
        var chars = new char[name.Length];
        var n = 0;
        foreach (var c in name)
            if (c is not ('_' or '-' or ' ')) chars[n++] = char.ToLowerInvariant(c);
        return new string(chars, 0, n);
    }

    /// <summary>
    /// The 1-based character column where cell <paramref name="index"/> of a raw record starts (after its leading
    /// blanks), so a message points where an editor's cursor should go.
    /// </summary>
    public static int ColumnOf(string rawRecord, int index)
    {
        var pos = 0;
        var quoted = false;
        for (var cell = 0; cell < index && pos < rawRecord.Length; pos++)
        {
            var c = rawRecord[pos];
            if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) cell++;
        }
        while (pos < rawRecord.Length && rawRecord[pos] is ' ' or '\t') pos++;
        return pos + 1;
    }

    /// <summary>Opens a reader over text; <see cref="Next"/> turns CsvHelper's malformed-data errors into a located problem.</summary>
    public static CsvReader Open(string text) => CsvReader.FromText(text, Reading);

    /// <summary>Advances to the next record that is not blank; false at the end.</summary>
    public static bool Next(CsvReader csv, string source)
    {
        try
        {
            while (csv.Read())
                if (csv.FieldCount > 1 || !csv.IsEmpty(0)) return true;
            return false;
        }
        catch (CsvFormatException e)
        {
            throw new UserInputException([new Problem(source, (int)e.LineNumber, 1, "", $"not valid CSV: {FirstLine(e.Message)}")]);
        }
    }

    /// <summary>The current record's line (1-based, counting every line of the file).</summary>
    public static int Line(CsvReader csv) => (int)csv.LineNumber;

    /// <summary>Cell <paramref name="index"/> of the current record, trimmed; "" when empty.</summary>
    public static string Cell(CsvReader csv, int index) => csv.GetString(index) ?? "";

    /// <summary>The cells of the current record.</summary>
    public static string[] Cells(CsvReader csv)
    {
        var cells = new string[csv.FieldCount];
        for (var i = 0; i < cells.Length; i++) cells[i] = Cell(csv, i);
        return cells;
    }

    /// <summary>The current record as the file has it, without its line break.</summary>
    public static string Raw(CsvReader csv) => Encoding.UTF8.GetString(csv.RawRecord);

    /// <summary>Reads a file, turning "cannot read it" (missing, a folder, no permission, an I/O fault) into a located problem.</summary>
    public static string ReadText(string path)
    {
        try
        {
            if (Directory.Exists(path)) throw new UserInputException(path, "", "is a folder; a file was expected");
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException(path, "", e is FileNotFoundException or DirectoryNotFoundException
                ? "the file is missing" : $"cannot be read: {e.Message}");
        }
    }

    private static string FirstLine(string s)
    {
        var i = s.IndexOfAny(['\r', '\n']);
        return (i > 0 ? s[..i] : s).Trim();
    }
}
