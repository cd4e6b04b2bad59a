using LoadLab.Compare.Exporters;
using LoadLab.Core.Json;

namespace LoadLab.Compare.Trend;

public sealed record TrendRequest
{
    public required string ReportsDirectory { get; init; }
    /// <summary>Only this scenario's runs; null = every scenario found, each in its own section.</summary>
    public string? Scenario { get; init; }
    /// <summary>Where trend.html, trend.md and trend.json go; null = the reports directory.</summary>
    public string? OutputDirectory { get; init; }
    /// <summary>Which of them (JUnit has no meaning here and is ignored).</summary>
    public CompareFormats Formats { get; init; } = CompareFormats.All;
}

public sealed record TrendOutcome(TrendResult Result, IReadOnlyList<string> WrittenFiles);

/// <summary>Reads the runs (<see cref="TrendReader"/>) and writes the chosen files; bad input writes nothing.</summary>
public static class TrendService
{
    public static TrendOutcome Write(TrendRequest request)
    {
        var result = TrendReader.Read(request.ReportsDirectory, request.Scenario);
        var written = FormatWriter.WriteAll(result, request.OutputDirectory ?? request.ReportsDirectory, request.Formats,
        [
            (CompareFormats.Json, TrendExporters.JsonFile, TrendExporters.Json),
            (CompareFormats.Markdown, TrendExporters.MarkdownFile, TrendExporters.Markdown),
            (CompareFormats.Html, TrendExporters.HtmlFile, TrendExporters.Html),
        ]);
        return new TrendOutcome(result, written);
    }
}
