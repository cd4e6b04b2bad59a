using LoadLab.Core.Errors;

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
    /// <summary>Parses "html,md,json,junit" (also "markdown", "all"); null or empty means all.</summary>
    public static CompareFormats Parse(string? text, string source = "--format")
    {
        if (string.IsNullOrWhiteSpace(text)) return CompareFormats.All;
        var result = CompareFormats.None;
        foreach (var raw in text.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries))
            result |= raw.Trim().ToLowerInvariant() switch
            {
                "html" => CompareFormats.Html,
                "md" or "markdown" => CompareFormats.Markdown,
                "json" => CompareFormats.Json,
                "junit" or "xml" => CompareFormats.Junit,
                "all" => CompareFormats.All,
                _ => throw new UserInputException(source, text, $"unknown format '{raw.Trim()}' (expected a comma-separated list of html, md, json, junit)"),
            };
        return result;
    }
}
