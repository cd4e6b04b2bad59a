using System.CommandLine;
using LoadLab.Cli.Infrastructure;
using LoadLab.Cli.Pipeline;
using LoadLab.Core.Errors;
using LoadLab.Core.RunFiles;

namespace LoadLab.Cli.Commands;

/// <summary>
/// <c>loadlab report &lt;run-dir&gt; [--format html,md,json,junit] [--summary-export PATH] [--baseline DIR]</c>: writes
/// report.html, summary.md and verdict.json (report.junit.xml on request) from the files in the run directory. The
/// report is written whatever the files hold; the exit code says what it found (<see cref="StageRunner.ReportExitCode"/>;
/// 4 for an interrupted run). With --baseline the run is first compared with the baseline (compare.json), and the
/// report shows the comparison; a regression exits 1.
/// </summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var runDir = new Argument<string>("run-dir") { Description = "Run directory (reports/<scenario>-<time>/) holding run.json, steps.csv, analysis.json ..." };
        var flags = new ReportFlags();
        var force = new Option<bool>("--force") { Description = "Overwrite an existing --summary-export file (default: refused, exit 2)." };
        var command = new Command("report", "Write report.html, summary.md and verdict.json for a run directory (exit 1 when a threshold failed or the closed-loop check did not hold).")
        {
            runDir, force,
        };
        foreach (var option in flags.All) command.Options.Add(option);
        var baseline = new RunBaseline();
        baseline.AddTo(command);
        command.SetAction((parse, _) =>
        {
            var dir = parse.GetValue(runDir)!;
            var options = flags.Bind(parse);
            // Every check before the first file is written: the summary's path, then the baseline against this run's scenario.
            options = options with
            {
                SummaryExportPath = SummaryExportTarget.Check(options.SummaryExportPath, parse.GetValue(force), dir, SummaryExportTarget.RecordedInputs(dir)),
            };
            var scenario = RunJson.TryReadRun(new RunDirectory(dir).RunJson)?.ScenarioName;
            var comparison = scenario is null ? null : baseline.Check(parse, scenario);
            var io = parse.InvocationConfiguration;
            var compared = comparison?.Run(dir, io.Output, io.Error) ?? ExitCodes.Ok;
            var code = StageCommand.Runner(parse).Report(dir, options);
            code = RunCompletion.ForInterruptedRun(code, new RunDirectory(dir), io.Output);
            return Task.FromResult(ExitCodeOrder.Worse(code, compared));
        });
        return command;
    }
}
