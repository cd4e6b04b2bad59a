using LoadLab.Core.Json;
using LoadLab.Reporting.Model;

namespace LoadLab.Reporting.Exporters;

/// <summary><c>verdict.json</c>: the <see cref="Verdict"/> in LoadLab's JSON convention, for pipelines.</summary>
public sealed class VerdictJsonExporter : IReportExporter
{
    public ReportFormats Format => ReportFormats.Json;
    public string FileName => "verdict.json";
    public string Render(ReportModel model) => LoadLabJson.Serialize(model.Verdict) + "\n";
}
