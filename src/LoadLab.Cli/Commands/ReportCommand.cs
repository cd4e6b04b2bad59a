using System.CommandLine;
using LoadLab.Cli.Infrastructure;
using LoadLab.Cli.Pipeline;
using LoadLab.Core.RunFiles;

namespace LoadLab.Cli.Commands;

/// <summary>
/// <c>loadlab report &lt;run-dir&gt; [--format html,md,json]</c>: writes report.html, summary.md and verdict.json from
/// the files in the run directory. The report is written whatever the files hold; the exit code says what it found
/// (<see cref="StageRunner.ReportExitCode"/>; 4 for an interrupted run).
/// </summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var runDir = new Argument<string>("run-dir") { Description = "Run directory (reports/<scenario>-<time>/) holding run.json, steps.csv, analysis.json ..." };
        var flags = new ReportFlags();
        var command = new Command("report", "Write report.html, summary.md and verdict.json for a run directory (exit 1 when a threshold failed or the closed-loop check did not hold).")
        {
            runDir,
        };
        foreach (var option in flags.All) command.Options.Add(option);
        command.SetAction((parse, _) =>
        {
            var dir = parse.GetValue(runDir)!;
            var code = StageCommand.Runner(parse).Report(dir, flags.Bind(parse));
            return Task.FromResult(RunCompletion.ForInterruptedRun(code, new RunDirectory(dir), parse.InvocationConfiguration.Output));
        });
        return command;
    }
}
