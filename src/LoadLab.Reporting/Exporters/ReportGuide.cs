namespace LoadLab.Reporting.Exporters;

/// <summary>
/// "How to read this report": the same words in report.html, summary.md and docs/report.md (kept as the embedded
/// Assets/how-to-read.md so a test can hold the documentation to it).
/// </summary>
public static class ReportGuide
{
    public const string Title = "How to read this report";

    /// <summary>The text as written: one point a line, each starting "- " (plain text, already valid Markdown).</summary>
    public static string Text => ReportAssets.HowToRead;

    /// <summary>The points without their "- " (plain text; exporters escape).</summary>
    public static IReadOnlyList<string> Points =>
        Text.Split('\n').Where(l => l.StartsWith("- ", StringComparison.Ordinal)).Select(l => l[2..]).ToList();
}
