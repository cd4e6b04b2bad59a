using System.CommandLine;
using LoadLab.Cli.Infrastructure;
using LoadLab.Cli.Pipeline;
using LoadLab.Core.Errors;
using LoadLab.Sharding.Merge;

namespace LoadLab.Cli.Commands;

public static class MergeCommand
{
    public static Command Create()
    {
        var shards = new Argument<string[]>("shard-dir") { Description = "Shard run directories (written by 'loadlab run --shard i/N').", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "The merged run directory.", Required = true };
        var wait = new Option<string?>("--wait") { Description = "Wait up to this long for every shard to finish (e.g. 30m, 6h) (default: do not wait)." };
        var partial = new Option<bool>("--partial") { Description = "Merge even when shards are missing; the run says which." };
        var pipeline = new Option<bool>("--pipeline") { Description = "Then collect, analyze, simulate and report the merged run (with the stage options below)." };
        var force = new Option<bool>("--force") { Description = "Write into --out even when it already holds files: they are first moved aside into a timestamped sibling (<dir>.old-<time>)." };
        var stageFlags = new PostRunFlags();

        var command = new Command("merge", "Merge shard run directories into one run directory, exactly (histograms add; percentiles are never averaged).");
        command.Arguments.Add(shards);
        command.Options.Add(output);
        command.Options.Add(wait);
        command.Options.Add(partial);
        command.Options.Add(pipeline);
        command.Options.Add(force);
        foreach (var option in stageFlags.All) command.Options.Add(option);
        command.SetAction(async (parse, ct) =>
        {
            var waitFor = parse.GetValue(wait) is { } w ? DurationArgument.Parse(w, "--wait") : TimeSpan.Zero;
            var postRun = stageFlags.Bind(parse, RunStages.All);
            postRun = postRun with
            {
                Report = postRun.Report with
                {
                    SummaryExportPath = SummaryExportTarget.Check(postRun.Report.SummaryExportPath, parse.GetValue(force), parse.GetValue(output),
                        (parse.GetValue(shards) ?? []).SelectMany(s => SummaryExportTarget.RunFiles(new Core.RunFiles.RunDirectory(s)))),
                },
                Verbose = Verbosities.Of(parse) == Verbosity.Verbose,
            };
            // Never over a shard's own files: --out may be none of the shard directories.
            if (OutputDirectory.Claim(parse.GetValue(output)!, "--out", parse.GetValue(force), TimeProvider.System, parse.GetValue(shards)) is { } aside)
                parse.InvocationConfiguration.Output.WriteLine($"--force: moved what was in {parse.GetValue(output)} aside into {aside}");
            var result = await new ShardMerger(TimeProvider.System).MergeAsync(new ShardMergeOptions
            {
                ShardDirectories = parse.GetValue(shards)!,
                OutputDirectory = parse.GetValue(output)!,
                Wait = waitFor,
                AllowPartial = parse.GetValue(partial),
            }, ct);

            var stdout = parse.InvocationConfiguration.Output;
            foreach (var warning in result.Warnings) parse.InvocationConfiguration.Error.WriteLine($"warning: {warning}");
            var totals = result.Info.Totals;
            stdout.WriteLine($"merged {result.Shards} shard(s) into {result.Output.Path}" +
                             (totals is null ? "" : FormattableString.Invariant($": {totals.Completed} requests, p50 {totals.P50Ms:0.##} ms, p99 {totals.P99Ms:0.##} ms")));
            // The merged run's thresholds, judged on the merged histograms, worded as the run's own summary words them.
            foreach (var t in result.Info.Thresholds) stdout.WriteLine($"threshold {(t.Passed ? "ok    " : "FAILED")} {t.Expression}: {t.Detail}");
            var thresholdsFailed = result.Info.Thresholds.Any(t => !t.Passed);
            var code = parse.GetValue(pipeline)
                ? await new PostRunPipeline(GlobalOptions.Read(parse), stdout, parse.InvocationConfiguration.Error).RunAsync(result.Output.Path, postRun, ct)
                : ExitCodes.Ok;
            code = thresholdsFailed && code == ExitCodes.Ok ? ExitCodes.ThresholdFailed : code;
            // A shard stopped by a signal makes the merged run an interrupted one: it never passes as a whole run.
            return RunCompletion.ForInterruptedRun(code, result.Output, stdout);
        });
        return command;
    }
}
