using LoadLab.Compare.Exporters;
using LoadLab.Compare.Loading;
using LoadLab.Compare.Model;
using LoadLab.Core.Json;

namespace LoadLab.Compare;

/// <summary>What <c>loadlab compare</c> (and <c>run --baseline</c>) asks for.</summary>
public sealed record CompareRequest
{
    public required string BaselineDirectory { get; init; }
    public required string RunDirectory { get; init; }
    public ComparisonOptions Options { get; init; } = new();
    /// <summary>Where the files go; null = the run directory.</summary>
    public string? OutputDirectory { get; init; }
    public CompareFormats Formats { get; init; } = CompareFormats.All;
}

public sealed record CompareOutcome(ComparisonResult Result, IReadOnlyList<string> WrittenFiles);

/// <summary>
/// Reads both run directories, compares them, and writes the chosen files. Everything is read and checked before
/// the first file is written, so bad input (exit 2) leaves nothing behind.
/// </summary>
public static class CompareService
{
    public static CompareOutcome Compare(CompareRequest request)
    {
        var baseline = RunSnapshotReader.Read(request.BaselineDirectory, "baseline");
        var run = RunSnapshotReader.Read(request.RunDirectory, "run");
        var result = Comparer.Compare(baseline, run, request.Options);
        var outDir = request.OutputDirectory ?? request.RunDirectory;
        var written = new List<string>();
        void Write(CompareFormats format, string name, Func<ComparisonResult, string> render)
        {
            if (!request.Formats.HasFlag(format)) return;
            var path = Path.Combine(outDir, name);
            AtomicFile.WriteAllText(path, render(result));
            written.Add(path);
        }
        Write(CompareFormats.Json, CompareJson.FileName, CompareJson.Render);
        Write(CompareFormats.Markdown, CompareMarkdown.FileName, CompareMarkdown.Render);
        Write(CompareFormats.Html, CompareHtml.FileName, CompareHtml.Render);
        Write(CompareFormats.Junit, CompareJunit.FileName, CompareJunit.Render);
        return new CompareOutcome(result, written);
    }
}
