using LoadLab.Aws.SageMaker;
using LoadLab.Core.Scenarios;
using LoadLab.Engine.Execution;
using LoadLab.Engine.Progress;
using LoadLab.Engine.Schedules;
using LoadLab.Engine.Targets;

namespace LoadLab.Engine.Running;

/// <summary>Everything one run needs. Only <see cref="Scenario"/> and <see cref="RunDirectory"/> are required.</summary>
public sealed record LoadRunRequest
{
    /// <summary>A validated scenario (see ScenarioLoader).</summary>
    public required Scenario Scenario { get; init; }

    /// <summary>The run directory to create and fill (timeline.csv, steps.csv, latency.hlog, run.json).</summary>
    public required string RunDirectory { get; init; }

    /// <summary>Overrides the scenario's seed; when both are null a seed is drawn and recorded in run.json.</summary>
    public long? Seed { get; init; }

    /// <summary>This process's slice of the load (default: the whole).</summary>
    public ShardSpec Shard { get; init; } = ShardSpec.Whole;

    /// <summary>Shared start time (aligns shards): the load's offset 0. Null = now.</summary>
    public DateTimeOffset? StartAt { get; init; }

    /// <summary>Command-line AWS settings (--region, --profile, --endpoint-url).</summary>
    public TargetSettings TargetSettings { get; init; } = new();

    /// <summary>A ready target (tests, benchmarks); null = built from the scenario by <see cref="TargetFactory"/>.</summary>
    public ILoadTarget? Target { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public IRunProgress Progress { get; init; } = NullProgress.Instance;

    /// <summary>Overrides the executor tuning derived from the scenario (in-flight cap, timeout, think time).</summary>
    public Func<ExecutorOptions, ExecutorOptions>? TuneExecutor { get; init; }

    /// <summary>
    /// When every completed request of the first <see cref="FailFastWindow"/> failed (and at least
    /// <see cref="FailFastMinRequests"/> did, or the window is over), the run stops and says why (exit 3). Default 5 s.
    /// </summary>
    public TimeSpan FailFastWindow { get; init; } = TimeSpan.FromSeconds(5);

    public int FailFastMinRequests { get; init; } = 20;

    /// <summary>With abortOnFail, thresholds are checked every this often once <see cref="AbortOnFailAfter"/> passed.</summary>
    public TimeSpan AbortOnFailEvery { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan AbortOnFailAfter { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Requests sent before the clock starts, in rounds of up to 16 concurrent, so the first second does not measure
    /// the client's own cold start (JIT, opening connections); run.json's warmup records them. Null: the scenario's
    /// load.warmupRequests (default 32); 0 disables.
    /// </summary>
    public int? ClientWarmupRequests { get; init; }

    /// <summary>Version written to run.json (default: this assembly's informational version).</summary>
    public string? ToolVersion { get; init; }

    /// <summary>
    /// DescribeEndpoint sampling into instances.csv while a SageMaker target runs (shard 0 only; see
    /// <see cref="InstanceSampler"/>). Default every 10 s; null = off. HTTP targets are never sampled.
    /// </summary>
    public InstanceSamplingOptions? SampleInstances { get; init; } = new();

    /// <summary>The SageMaker control-plane client for that sampling (tests); null = built from the target's AWS settings.</summary>
    public ISageMakerClient? SageMakerControlPlane { get; init; }
}

/// <summary>What a run produced.</summary>
/// <param name="StopReason">Why the run ended before its schedule (interrupted, abortOnFail, target failed), or null.</param>
public sealed record LoadRunResult(
    Core.RunFiles.RunDirectory Directory, Core.RunFiles.RunInfo Info, bool ThresholdsPassed, bool Interrupted, string? StopReason);
