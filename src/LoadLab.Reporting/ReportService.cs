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
        [new HtmlExporter(), new MarkdownExporter(), new VerdictJsonExporter()];

    /// <summary>Writes report.html, summary.md and/or verdict.json into <paramref name="runDirectory"/>.</summary>
    /// <exception cref="Core.Errors.UserInputException">the run directory does not exist.</exception>
    public static ReportResult Write(string runDirectory, ReportFormats formats = ReportFormats.All)
    {
        var model = ReportModelBuilder.Build(runDirectory);
        var written = new List<string>();
        foreach (var exporter in Exporters.Where(e => formats.HasFlag(e.Format)))
        {
            var path = Path.Combine(runDirectory, exporter.FileName);
            AtomicFile.WriteAllText(path, exporter.Render(model));
            written.Add(path);
        }
        return new ReportResult(model, written);
    }
}
