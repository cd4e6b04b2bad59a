using System.Runtime.InteropServices;
using LoadLab.Cli.Infrastructure;
using LoadLab.Cli.Progress;
using LoadLab.Core.Errors;
using LoadLab.Core.RunFiles;
using LoadLab.Core.Scenarios;
using LoadLab.Engine.Progress;
using LoadLab.Engine.Running;
using LoadLab.Engine.Schedules;
using LoadLab.Engine.Targets;
using LoadLab.Telemetry;
using LoadLab.Telemetry.Outputs;
using LoadLab.Telemetry.Sinks;

namespace LoadLab.Cli.Pipeline;

/// <summary>What `loadlab run` (and the demo's run) asks for, parsed and validated.</summary>
public sealed record RunPipelineRequest
{
    public required Scenario Scenario { get; init; }
    public required string RunDirectory { get; init; }
    public long? Seed { get; init; }
    public ShardSpec Shard { get; init; } = ShardSpec.Whole;
    public DateTimeOffset? StartAt { get; init; }
    /// <summary>DescribeEndpoint sampling; null = off.</summary>
    public InstanceSamplingOptions? SampleInstances { get; init; } = new();
    /// <summary>Write into a run directory that already holds files, after moving them aside (--force).</summary>
    public bool Force { get; init; }
    /// <summary>Which stages follow the load, with their options.</summary>
    public PostRunOptions PostRun { get; init; } = new();
    /// <summary>Live outputs beside the console progress (none by default).</summary>
    public TelemetryOptions Telemetry { get; init; } = new();
}

/// <summary>
/// The load (<see cref="LoadRunner"/>), then the chosen later stages (<see cref="PostRunPipeline"/>). Ctrl-C or SIGTERM
/// stops sending and waits for in-flight requests (the scenario's gracefulStop); the later stages still run over
/// what was measured, and the exit code is 4. A second signal ends the process at once.
/// </summary>
public sealed class RunPipeline(AwsSettings aws, TextWriter stdout, TextWriter stderr)
{
    /// <param name="stop">Stops the load as a signal does (tests; the process's own signals are handled here).</param>
    public async Task<int> RunAsync(RunPipelineRequest request, CancellationToken ct, CancellationToken stop = default)
    {
        if (OutputDirectory.Claim(request.RunDirectory, "--out", request.Force, TimeProvider.System) is { } aside)
            stdout.WriteLine($"--force: moved what was in {request.RunDirectory} aside into {aside}");
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(ct, stop);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => OnSignal(c, interrupt, stderr));
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => OnSignal(c, interrupt, stderr));

        await using var telemetry = LiveOutputs.Start(request.Telemetry, stdout);
        var console = ReferenceEquals(Core.Text.TerminalSafeWriter.Unwrap(stdout), Console.Out) ? LiveProgress.ForConsole(stdout, TimeProvider.System) : new PlainProgress(stdout);
        var result = await LoadRunner.RunAsync(new LoadRunRequest
        {
            Scenario = request.Scenario,
            RunDirectory = request.RunDirectory,
            Seed = request.Seed,
            Shard = request.Shard,
            StartAt = request.StartAt,
            TargetSettings = new TargetSettings(aws.Region, aws.Profile, aws.EndpointUrl),
            SampleInstances = request.SampleInstances,
            Progress = telemetry is null ? console : new FanOutProgress([console, .. telemetry.Sinks]),
        }, interrupt.Token).ConfigureAwait(false);

        var dir = result.Directory;
        stdout.WriteLine($"run files: {dir.RunJson}, {dir.TimelineCsv}, {dir.StepsCsv}, {dir.LatencyHlog}");
        var code = result.ThresholdsPassed ? ExitCodes.Ok : ExitCodes.ThresholdFailed;
        if (result.Info.StoppedBy == RunStopCause.Signal)
        {
            stdout.WriteLine($"interrupted: the run stopped early ({result.StopReason}); the later stages cover what was measured (exit {ExitCodes.Interrupted})");
            code = ExitCodes.Interrupted;
        }
        if (request.PostRun is { Stages: RunStages.None, Baseline: null, Report.SummaryExportPath: null })
        {
            await LiveOutputs.StopAsync(telemetry, stderr).ConfigureAwait(false);
            return code;
        }
        // The later stages run on the caller's token: the first signal stopped only the load.
        var pipeline = await new PostRunPipeline(aws, stdout, stderr).RunAsync(dir.Path, request.PostRun, ct).ConfigureAwait(false);
        // After the report: the dashboard links it until here.
        await LiveOutputs.StopAsync(telemetry, stderr).ConfigureAwait(false);
        // A failed threshold or an interrupted run is the run's own answer; a later stage's failure shows otherwise.
        return code != ExitCodes.Ok ? code : pipeline;
    }

    /// <summary>First signal: graceful stop, said on stderr. Second: let the runtime end the process.</summary>
    private static void OnSignal(PosixSignalContext context, CancellationTokenSource interrupt, TextWriter stderr)
    {
        if (interrupt.IsCancellationRequested) return;
        context.Cancel = true;
        stderr.WriteLine($"{context.Signal}: stopping the load and waiting for the requests in flight (the scenario's gracefulStop); " +
                         "the later stages then run over what was measured. A second signal ends at once and leaves a provisional run.json.");
        interrupt.Cancel();
    }
}
