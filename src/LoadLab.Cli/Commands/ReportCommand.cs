using System.CommandLine;
using LoadLab.Core.Errors;
using LoadLab.Reporting;
using LoadLab.Reporting.Exporters;

namespace LoadLab.Cli.Commands;

/// <summary>
/// <c>loadlab report &lt;run-dir&gt; [--format html,md,json]</c>: writes report.html, summary.md and verdict.json from
/// the files in the run directory. Exit 0, or 1 when a threshold failed or the closed-loop check (verify.json) did not
/// hold (the report is written either way), 2 for bad input (no such directory, unknown format).
/// </summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var runDir = new Argument<string>("run-dir") { Description = "Run directory (reports/<scenario>-<time>/) holding run.json, steps.csv, analysis.json ..." };
        var format = new Option<string?>("--format")
        {
            Description = "Comma-separated outputs: html (report.html), md (summary.md), json (verdict.json). Default: all.",
        };
        var command = new Command("report", "Write report.html, summary.md and verdict.json for a run directory (exit 1 when a threshold failed or the closed-loop check did not hold).")
        {
            runDir, format,
        };
        command.SetAction((parse, _) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var formats = ReportFormatsParser.Parse(parse.GetValue(format));
            var result = ReportService.Write(parse.GetValue(runDir)!, formats);
            foreach (var file in result.WrittenFiles) output.WriteLine($"wrote {file}");
            var v = result.Verdict;
            var (badge, detail) = StatusLine.Of(v);
            output.WriteLine($"verdict: {badge}: {detail}");
            foreach (var p in v.FileProblems) output.WriteLine($"note: {p.Message}");
            return Task.FromResult(v.Status == "fail" ? ExitCodes.ThresholdFailed : ExitCodes.Ok);
        });
        return command;
    }
}
