using System.CommandLine;
using System.CommandLine.Help;
using System.Globalization;
using LoadLab.Core.Errors;

namespace LoadLab.Cli.Infrastructure;

/// <summary>
/// Every command's exit codes, as its --help shows them after the options (docs/exit-codes.md says the same).
/// 0 ok, 1 a threshold (or SLO check) failed, 2 bad input, 3 the target or AWS failed, 4 interrupted.
/// </summary>
public static class ExitCodeTable
{
    private const string BadInput = "bad input: a flag, file or run directory (the message names it); nothing was changed";

    public static IReadOnlyDictionary<string, IReadOnlyList<(int Code, string Meaning)>> ByCommand { get; } =
        new Dictionary<string, IReadOnlyList<(int, string)>>
        {
            ["demo"] =
            [
                (ExitCodes.Ok, "the analysis found the sim's sustainable load within 15 % and the closed-loop check's SLO held"),
                (ExitCodes.ThresholdFailed, "the analysis missed the sim's theory, or the closed-loop check's SLO did not hold"),
                (ExitCodes.BadInput, BadInput),
                (ExitCodes.TargetOrAwsFailed, "the local stack, the sim endpoint or a stage's AWS call failed"),
                (ExitCodes.Interrupted, "Ctrl-C or SIGTERM stopped the run; what was measured is written and reported"),
            ],
            ["run"] =
            [
                (ExitCodes.Ok, "every threshold passed and every chosen stage ran"),
                (ExitCodes.ThresholdFailed, "a threshold failed (the later stages still ran), or with --baseline the comparison found a regression"),
                (ExitCodes.BadInput, BadInput + "; before any load, or from a later stage"),
                (ExitCodes.TargetOrAwsFailed, "the target failed (fail-fast) or a later stage's AWS call failed"),
                (ExitCodes.Interrupted, "Ctrl-C or SIGTERM stopped the load; the later stages ran over what was measured"),
            ],
            ["validate"] =
            [
                (ExitCodes.Ok, "every scenario file is valid"),
                (ExitCodes.BadInput, "a file has problems (every one is listed with file, line, column and field)"),
            ],
            ["collect"] =
            [
                (ExitCodes.Ok, "metrics.json written"),
                (ExitCodes.BadInput, BadInput + " (not a run directory, not a SageMaker target, a provisional run.json)"),
                (ExitCodes.TargetOrAwsFailed, "CloudWatch or SageMaker failed (the AWS error code, message and request id are shown)"),
                (ExitCodes.Interrupted, "metrics.json written for a run that was interrupted"),
            ],
            ["analyze"] =
            [
                (ExitCodes.Ok, "analysis.json (and recommendation.json when there is one) written"),
                (ExitCodes.BadInput, BadInput + " (no steady step, a provisional run.json)"),
                (ExitCodes.Interrupted, "analysed a run that was interrupted: only what was measured"),
            ],
            ["simulate"] =
            [
                (ExitCodes.Ok, "simulation.json written"),
                (ExitCodes.BadInput, BadInput + " (no analysis.json, a bad trace, a provisional run.json)"),
                (ExitCodes.TargetOrAwsFailed, "CloudWatch failed (--from-cloudwatch)"),
                (ExitCodes.Interrupted, "simulated the traffic of a run that was interrupted"),
            ],
            ["report"] =
            [
                (ExitCodes.Ok, "every threshold passed (or none is declared) and the closed-loop check, when there is one, held"),
                (ExitCodes.ThresholdFailed, "a threshold failed or the closed-loop check did not hold"),
                (ExitCodes.BadInput, "the run directory is missing, empty or corrupt (no readable run.json, a corrupt run file, a provisional run.json)"),
                (ExitCodes.TargetOrAwsFailed, "the run itself failed: its target failed every request at the start"),
                (ExitCodes.Interrupted, "the report of a run that was interrupted"),
            ],
            ["apply"] =
            [
                (ExitCodes.Ok, "the plan was shown, or applied, rolled back or emitted as asked"),
                (ExitCodes.BadInput, BadInput),
                (ExitCodes.TargetOrAwsFailed, "AWS failed; a change that failed midway was rolled back (or the rollback failed, as the message says)"),
                (ExitCodes.Interrupted, "Ctrl-C or SIGTERM: the write in flight finished and the change was restored (a second signal abandons the restore, as the message says)"),
            ],
            ["verify"] =
            [
                (ExitCodes.Ok, "the SLO held while the fleet scaled"),
                (ExitCodes.ThresholdFailed, "the SLO did not hold"),
                (ExitCodes.BadInput, BadInput),
                (ExitCodes.TargetOrAwsFailed, "the target or AWS failed"),
            ],
            ["probe-startup"] =
            [
                (ExitCodes.Ok, "the startup was measured and the count set back (or, without --yes, the plan was printed)"),
                (ExitCodes.BadInput, BadInput),
                (ExitCodes.TargetOrAwsFailed, "AWS or the endpoint failed, or the instance was not in service within --timeout (the count is set back either way)"),
            ],
            ["sim-endpoint"] =
            [
                (ExitCodes.Ok, "stopped by Ctrl-C or SIGTERM, or --describe printed"),
                (ExitCodes.BadInput, BadInput),
            ],
            ["merge"] =
            [
                (ExitCodes.Ok, "merged (and, with --pipeline, every stage ran) and every threshold passed"),
                (ExitCodes.ThresholdFailed, "a threshold of the merged run failed"),
                (ExitCodes.BadInput, BadInput + " (missing or mismatched shards without --partial, a shard whose run.json is provisional); nothing is written"),
                (ExitCodes.TargetOrAwsFailed, "with --pipeline: a stage's AWS call failed"),
                (ExitCodes.Interrupted, "a shard was stopped by Ctrl-C or SIGTERM: the merged run is marked interrupted and covers what was measured"),
            ],
            ["compare"] =
            [
                (ExitCodes.Ok, "no regression: every regression threshold holds, or its difference is not significant"),
                (ExitCodes.ThresholdFailed, "a regression: a threshold broken by a significant difference (compare.json names it)"),
                (ExitCodes.BadInput, BadInput + " (a baseline of another scenario or ladder, a bad --threshold, a provisional run.json); nothing is written"),
                (ExitCodes.Interrupted, "the baseline or the run was interrupted: what it measured is compared"),
            ],
            ["choose"] =
            [
                (ExitCodes.Ok, "choice.json, choice.md and choice.html written, and a candidate holds the SLO"),
                (ExitCodes.ThresholdFailed, "no candidate holds the SLO on the traffic (the files are still written)"),
                (ExitCodes.BadInput, BadInput + " (no candidates.json, a sub-run missing, or an instance type without a price)"),
            ],
            ["trend"] =
            [
                (ExitCodes.Ok, "trend.html, trend.md and trend.json written (a run that does not read, or whose run.json is provisional, is listed as skipped)"),
                (ExitCodes.BadInput, BadInput + " (no run of the scenario in the directory)"),
            ],
            ["k8s-job"] =
            [
                (ExitCodes.Ok, "the manifest was written (and, with --apply, the Job finished)"),
                (ExitCodes.BadInput, BadInput),
                (ExitCodes.TargetOrAwsFailed, "with --apply: the cluster could not be reached, refused the Job, or the Job failed"),
            ],
        };

    /// <summary>What the table of a command does not say in its rows.</summary>
    private static readonly IReadOnlyDictionary<string, string> Footnotes = new Dictionary<string, string>
    {
        ["apply"] = "With --detailed-exitcode, as Terraform has it: 0 nothing pending, 2 changes pending, 1 any error.",
    };

    /// <summary>The table as --help prints it, or null for a command without one (the root).</summary>
    public static string? Render(string command)
    {
        if (!ByCommand.TryGetValue(command, out var rows)) return null;
        var lines = rows.Select(r => string.Create(CultureInfo.InvariantCulture, $"  {r.Code,-3}{r.Meaning}")).ToList();
        if (Footnotes.TryGetValue(command, out var note)) lines.Add("  " + note);
        return "Exit codes:" + Environment.NewLine + string.Join(Environment.NewLine, lines);
    }

    /// <summary>After System.CommandLine's help for a command, its exit codes (nothing for the root, which has none).</summary>
    public static void WriteAfterHelp(ParseResult parse, TextWriter output)
    {
        if (parse.Action is not HelpAction || Render(parse.CommandResult.Command.Name) is not { } table) return;
        output.WriteLine(table);
        output.WriteLine();
    }
}
