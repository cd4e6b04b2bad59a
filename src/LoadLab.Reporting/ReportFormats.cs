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
    /// <summary>report.junit.xml (opt-in: not part of <see cref="All"/>, the default)</summary>
    Junit = 8,
    /// <summary>The default: report.html, summary.md, verdict.json.</summary>
    All = Html | Markdown | Json,
}

public static class ReportFormatsParser
{
    /// <summary>Parses "html,md,json,junit" (also "markdown", "xml", "all" for the default three); null or empty means the default. Unknown names are bad input.</summary>
    public static ReportFormats Parse(string? text, string source = "--format") =>
        FormatList.Parse(text, [(ReportFormats.Html, ["html"]), (ReportFormats.Markdown, ["md", "markdown"]), (ReportFormats.Json, ["json"]), (ReportFormats.Junit, ["junit", "xml"])],
            ReportFormats.All, source, "");
}
