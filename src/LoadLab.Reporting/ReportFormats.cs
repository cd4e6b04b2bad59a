using LoadLab.Core.Text;

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
    public static ReportFormats Parse(string? text, string source = "--format") =>
        FormatList.Parse(text, [(ReportFormats.Html, ["html"]), (ReportFormats.Markdown, ["md", "markdown"]), (ReportFormats.Json, ["json"])],
            ReportFormats.All, source, "");
}
