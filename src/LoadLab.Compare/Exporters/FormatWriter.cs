using LoadLab.Core.Json;

namespace LoadLab.Compare.Exporters;

/// <summary>Writes a result once per chosen format, atomically, and says which files it wrote (compare and trend share it).</summary>
public static class FormatWriter
{
    public static IReadOnlyList<string> WriteAll<T>(T result, string directory, CompareFormats chosen,
        IEnumerable<(CompareFormats Format, string FileName, Func<T, string> Render)> exporters)
    {
        var written = new List<string>();
        foreach (var (format, name, render) in exporters)
        {
            if (!chosen.HasFlag(format)) continue;
            var path = Path.Combine(directory, name);
            AtomicFile.WriteAllText(path, render(result));
            written.Add(path);
        }
        return written;
    }
}
