using LoadLab.Cli.Infrastructure;
using LoadLab.Core.Errors;
using LoadLab.Core.RunFiles;

namespace LoadLab.Cli.Pipeline;

/// <summary>
/// What follows a load run: the chosen stages of collect, analyze, simulate and report, each called as a typed stage
/// with the options given to the composite command (the same <see cref="StageRunner"/> the stage commands use, so
/// the two cannot drift apart). A failed stage is reported and the stages that can still run do; the comparison
/// with a baseline (when given) runs just before the report, and the report runs last and says what is missing.
/// </summary>
public sealed class PostRunPipeline(StageRunner stages, TextWriter stdout, TextWriter stderr, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public PostRunPipeline(AwsSettings aws, TextWriter stdout, TextWriter stderr)
        : this(new StageRunner(new RunStageServices(aws, TimeProvider.System), stdout, stderr), stdout, stderr, TimeProvider.System)
    {
    }

    public async Task<int> RunAsync(string runDir, PostRunOptions options, CancellationToken ct)
    {
        var dir = new RunDirectory(runDir);
        var info = RunJson.TryReadRun(dir.RunJson);
        if (info?.Shard is not null)
        {
            stdout.WriteLine($"shard {info.Shard}: skipping collect, analyze, simulate and report; merge the shards with 'loadlab merge'");
            return ExitCodes.Ok;
        }

        var worst = ExitCodes.Ok;
        var collect = string.Equals(info?.Target.Kind, "sagemaker", StringComparison.OrdinalIgnoreCase);
        if (options.Stages.HasFlag(RunStages.Collect) && !collect)
            stdout.WriteLine("collect: skipped (the target is not a SageMaker endpoint, so there are no CloudWatch metrics)");

        foreach (var (name, stage) in RunStagesParser.Names)
        {
            if (stage == RunStages.Report) worst = ExitCodeOrder.Worse(worst, CompareWithBaseline(runDir, options));
            if (stage == RunStages.Load || !options.Stages.HasFlag(stage)) continue;
            if (stage == RunStages.Collect && !collect) continue;
            // Simulation needs the analysis; without it the report says why instead.
            if (stage == RunStages.Simulate && SimulateSkipReason(dir) is { } why)
            {
                stdout.WriteLine($"simulate: skipped ({why})");
                continue;
            }
            stdout.WriteLine($"── {name} ──");
            if (options.Verbose) stdout.WriteLine($"{name}: options {StageDetails.Options(stage, options)}");
            var started = _clock.GetTimestamp();
            int code;
            try { code = await RunStageAsync(stage, runDir, options, ct).ConfigureAwait(false); }
            catch (Exception ex) { code = ErrorReporter.Report(ex, stderr); }
            if (options.Verbose) stdout.WriteLine(StageDetails.Finished(name, code, _clock.GetElapsedTime(started)));
            if (code != ExitCodes.Ok) stderr.WriteLine($"{name}: exit {code}; continuing with what can still run");
            worst = ExitCodeOrder.Worse(worst, code);
            if (ct.IsCancellationRequested) break;
        }
        // Without the report stage the summary is still written when asked for (run --stages load --summary-export).
        if (!options.Stages.HasFlag(RunStages.Report) && options.Report.SummaryExportPath is { } summary)
            worst = ExitCodeOrder.Worse(worst, stages.SummaryOnly(runDir, summary));
        return worst;
    }

    /// <summary>The comparison with the baseline, once, before the report; ok when there is none.</summary>
    private int CompareWithBaseline(string runDir, PostRunOptions options) =>
        options.Baseline is { } baseline ? baseline.Run(runDir, stdout, stderr) : ExitCodes.Ok;

    private async Task<int> RunStageAsync(RunStages stage, string runDir, PostRunOptions options, CancellationToken ct) => stage switch
    {
        RunStages.Collect => await stages.CollectAsync(runDir, options.Collect, ct).ConfigureAwait(false),
        RunStages.Analyze => stages.Analyze(runDir, options.Analyze),
        RunStages.Simulate => await stages.SimulateAsync(runDir, options.Simulate, ct).ConfigureAwait(false),
        RunStages.Report => stages.Report(runDir, options.Report),
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "not a stage after the load"),
    };

    /// <summary>
    /// Why the backtest cannot run on this analysis, or null when it can. Without a fitted latency curve the simulator
    /// has no fleet model: a short ladder is a finding of the run (the report says what is missing), not bad input.
    /// `loadlab simulate` alone still refuses it with exit 2.
    /// </summary>
    private static string? SimulateSkipReason(RunDirectory dir)
    {
        if (!File.Exists(dir.AnalysisJson)) return "no analysis.json";
        var analysis = RunJson.TryRead<AnalysisFile>(dir.AnalysisJson);
        return analysis is { Curve: null } ? "the analysis fitted no latency curve, so there is no fleet model to backtest; a ladder with more steps gives one" : null;
    }
}
