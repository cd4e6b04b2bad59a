using LoadLab.Reporting.Model;

namespace LoadLab.Reporting.Exporters;

/// <summary>Renders the report model to one file's text. Exporters never read files and never write: the service does.</summary>
public interface IReportExporter
{
    ReportFormats Format { get; }
    /// <summary>File name inside the run directory (report.html, summary.md, verdict.json).</summary>
    string FileName { get; }
    string Render(ReportModel model);
}
