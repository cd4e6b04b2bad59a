using LoadLab.Core.Text;

namespace LoadLab.Compare.Exporters;

/// <summary>Which comparison files to write. Default: all of them.</summary>
[Flags]
public enum CompareFormats
{
    None = 0,
    /// <summary>compare.html</summary>
    Html = 1,
    /// <summary>compare.md</summary>
    Markdown = 2,
    /// <summary>compare.json</summary>
    Json = 4,
    /// <summary>compare.junit.xml</summary>
    Junit = 8,
    All = Html | Markdown | Json | Junit,
}

public static class CompareFormatsParser
{
    /// <summary>Parses "html,md,json,junit" (also "markdown", "xml", "all"); null or empty means all.</summary>
    public static CompareFormats Parse(string? text, string source = "--format") =>
        FormatList.Parse(text,
            [(CompareFormats.Html, ["html"]), (CompareFormats.Markdown, ["md", "markdown"]), (CompareFormats.Json, ["json"]), (CompareFormats.Junit, ["junit", "xml"])],
            CompareFormats.All, source, text ?? "");
}
