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
        var written = FormatWriter.WriteAll(result, request.OutputDirectory ?? request.RunDirectory, request.Formats,
        [
            (CompareFormats.Json, CompareJson.FileName, CompareJson.Render),
            (CompareFormats.Markdown, CompareMarkdown.FileName, CompareMarkdown.Render),
            (CompareFormats.Html, CompareHtml.FileName, CompareHtml.Render),
            (CompareFormats.Junit, CompareJunit.FileName, CompareJunit.Render),
        ]);
        return new CompareOutcome(result, written);
    }
}
