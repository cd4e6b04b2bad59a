namespace LoadLab.Reporting.Exporters;

/// <summary>
/// The report's stylesheet and script, kept as files (Assets/report.css, Assets/report.js) embedded in the assembly
/// so they can be read and linted as CSS and JavaScript; report.html inlines them, as it loads nothing from anywhere.
/// </summary>
internal static class ReportAssets
{
    public static string Css { get; } = Read("report.css");

    /// <summary>Copy buttons only; the page works without script.</summary>
    public static string Script { get; } = Read("report.js");

    /// <summary>"How to read this report": one point a line, each starting "- " (docs/report.md holds the same text).</summary>
    public static string HowToRead { get; } = Read("how-to-read.md");

    private static string Read(string name)
    {
        var assembly = typeof(ReportAssets).Assembly;
        var resource = $"LoadLab.Reporting.Exporters.Assets.{name}";
        using var stream = assembly.GetManifestResourceStream(resource)
                           ?? throw new InvalidOperationException($"the report asset {resource} is not embedded in {assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        // A checkout that turned line ends into CRLF must not change the report's bytes.
        return reader.ReadToEnd().Replace("\r\n", "\n").TrimEnd('\n');
    }
}
