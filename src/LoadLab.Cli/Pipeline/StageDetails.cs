using System.Globalization;
using LoadLab.Reporting;

namespace LoadLab.Cli.Pipeline;

/// <summary>What --verbose adds to each stage: the options it runs with and how long it took.</summary>
public static class StageDetails
{
    public static string Options(RunStages stage, PostRunOptions o) => stage switch
    {
        RunStages.Collect => $"period_s={Text(o.Collect.Collector.PeriodS)}",
        RunStages.Analyze => $"bootstrap_resamples={o.Analyze.Analyzer.BootstrapResamples}, step_scaling={o.Analyze.Recommender.StepScaling.ToString().ToLowerInvariant()}, seed={Text(o.Analyze.Analyzer.Seed)}",
        RunStages.Simulate => $"sweep={(o.Simulate.Request.Sweep ? "on" : "off")}, traffic={o.Simulate.Request.TrafficPath ?? "the run's timeline.csv"}",
        RunStages.Report => $"formats={Formats(o.Report.Formats)}, summary_export={o.Report.SummaryExportPath ?? "none"}, baseline={(o.Baseline is { } b ? b.Request.BaselineDirectory : "none")}",
        _ => "",
    };

    public static string Finished(string name, int code, TimeSpan elapsed) =>
        string.Create(CultureInfo.InvariantCulture, $"{name}: exit {code} after {elapsed.TotalSeconds:0.0} s");

    private static string Formats(ReportFormats f) =>
        string.Join(",", new[] { (ReportFormats.Html, "html"), (ReportFormats.Markdown, "md"), (ReportFormats.Json, "json"), (ReportFormats.Junit, "junit") }
            .Where(x => f.HasFlag(x.Item1)).Select(x => x.Item2));

    private static string Text<T>(T? v) where T : struct => v is { } x ? Convert.ToString(x, CultureInfo.InvariantCulture)! : "default";
}
