using LoadLab.Core.Errors;

namespace LoadLab.Reporting;

/// <summary>Which report files to write. Default: all of them.</summary>
[Flags]
public enum ReportFormats
{
    None = 0,
    /// <summary>report.html</summary>
    Html = 1,
    /// <summary>summary.md</summary>
    Markdown = 2,
    /// <summary>verdict.json</summary>
    Json = 4,
    All = Html | Markdown | Json,
}

public static class ReportFormatsParser
{
    /// <summary>Parses "html,md,json" (also "markdown", "all"); null or empty means all. Unknown names are bad input.</summary>
    public static ReportFormats Parse(string? text, string source = "--format")
    {
        if (string.IsNullOrWhiteSpace(text)) return ReportFormats.All;
        var result = ReportFormats.None;
        foreach (var raw in text.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            result |= raw.Trim().ToLowerInvariant() switch
            {
                "html" => ReportFormats.Html,
                "md" or "markdown" => ReportFormats.Markdown,
                "json" => ReportFormats.Json,
                "all" => ReportFormats.All,
                _ => throw new UserInputException(source, "",
                    $"unknown format '{raw.Trim()}' (expected a comma-separated list of html, md, json)"),
            };
        }
        return result;
    }
}
