using LoadLab.Core.Json;
using LoadLab.Reporting.Exporters;
using LoadLab.Reporting.Model;

namespace LoadLab.Reporting;

/// <summary>What <see cref="ReportService.Write"/> produced.</summary>
public sealed record ReportResult(ReportModel Model, IReadOnlyList<string> WrittenFiles)
{
    public Verdict Verdict => Model.Verdict;
}

/// <summary>
/// The one entry point of the reporting stage: read the run directory into a <see cref="ReportModel"/>, then let
/// each chosen exporter render it; the service alone writes (atomically) into the run directory.
/// </summary>
public static class ReportService
{
    public static IReadOnlyList<IReportExporter> Exporters { get; } =
        [new HtmlExporter(), new MarkdownExporter(), new VerdictJsonExporter(), new JunitExporter()];

    /// <summary>Writes report.html, summary.md, verdict.json and/or report.junit.xml into <paramref name="runDirectory"/>.</summary>
    /// <param name="time">The clock of verdict.json's <c>generated_utc</c>; null leaves it out.</param>
    /// <param name="summaryExportPath">Also write the end-of-test summary (<see cref="SummaryExport"/>) there; the caller has checked the path.</param>
    /// <exception cref="Core.Errors.UserInputException">the run directory does not exist.</exception>
    public static ReportResult Write(string runDirectory, ReportFormats formats = ReportFormats.All, TimeProvider? time = null,
        string? summaryExportPath = null)
    {
        var model = ReportModelBuilder.Build(runDirectory, time);
        var written = new List<string>();
        foreach (var exporter in Exporters.Where(e => formats.HasFlag(e.Format)))
        {
            var path = Path.Combine(runDirectory, exporter.FileName);
            AtomicFile.WriteAllText(path, exporter.Render(model));
            written.Add(path);
        }
        if (summaryExportPath is not null)
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(summaryExportPath));
            if (directory is not null) Directory.CreateDirectory(directory);
            AtomicFile.WriteAllText(summaryExportPath, LoadLabJson.Serialize(SummaryExport.From(model)) + "\n");
            written.Add(summaryExportPath);
        }
        return new ReportResult(model, written);
    }
}
