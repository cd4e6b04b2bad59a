using System.Text.Json;

namespace LoadLab.Core.RunFiles;

/// <summary><c>run.json</c>: what was run, against what, with which seed, and the phase and step windows.</summary>
public sealed record RunInfo
{
    public required string ScenarioName { get; init; }
    /// <summary>The scenario as resolved (defaults filled in), for reproduction.</summary>
    public JsonElement? Scenario { get; init; }
    public string? ScenarioPath { get; init; }
    public required RunTarget Target { get; init; }
    public required long Seed { get; init; }
    public required string ToolVersion { get; init; }
    public required string LoadModel { get; init; }
    public required DateTimeOffset StartUtc { get; init; }
    public DateTimeOffset? EndUtc { get; init; }
    public bool Interrupted { get; init; }
    public string? InterruptReason { get; init; }
    /// <summary>What ended the run before its schedule; null when it ran to the end.</summary>
    public RunStopCause? StoppedBy { get; init; }
    /// <summary>
    /// True in the run.json written while the load runs (no totals, thresholds or end yet); the final run.json drops
    /// it. A run.json still provisional afterwards means the process was stopped before it finished its files.
    /// </summary>
    public bool? Provisional { get; init; }
    /// <summary>"i/N" when this is one shard of a sharded run.</summary>
    public string? Shard { get; init; }
    public IReadOnlyList<PhaseWindow> Phases { get; init; } = [];
    public IReadOnlyList<StepWindow> Steps { get; init; } = [];
    public RunTotals? Totals { get; init; }
    public IReadOnlyList<ThresholdResult> Thresholds { get; init; } = [];
    public SloInfo? Slo { get; init; }
    public RecommendInfo? Recommend { get; init; }
    /// <summary>For a merged run: the shard directories it was merged from.</summary>
    public IReadOnlyList<string>? MergedFrom { get; init; }
    /// <summary>For a merged run: missing, interrupted or unfinished shards.</summary>
    public IReadOnlyList<string>? MergeWarnings { get; init; }
    /// <summary>Things that went wrong beside the load without failing the run (e.g. DescribeEndpoint sampling stopped).</summary>
    public IReadOnlyList<string>? Warnings { get; init; }
    /// <summary>The warm-up requests sent before the clock started: in no other file, but they reached the target.</summary>
    public WarmupInfo? Warmup { get; init; }
    /// <summary>
    /// Every file outside the run directory that the run used (the scenario, payloads, replayed traces): its resolved
    /// path and the SHA-256 of its bytes when the run started, so a later stage or reader can tell whether it changed.
    /// </summary>
    public IReadOnlyList<RunInput>? Inputs { get; init; }
}

/// <summary>Warm-up requests: how many were asked for (load.warmupRequests), sent, and how they ended.</summary>
public sealed record WarmupInfo(int Requested, int Requests, int Ok, int Errors);

/// <summary>One external file a run used. <see cref="Role"/>: scenario, payload or replay_trace.</summary>
public sealed record RunInput(string Role, string Path, string Sha256, long Bytes);

/// <summary>Why a run stopped before the end of its schedule.</summary>
public enum RunStopCause
{
    /// <summary>Ctrl-C or SIGTERM.</summary>
    Signal,
    /// <summary>A threshold with abortOnFail failed.</summary>
    AbortOnFail,
    /// <summary>The target failed every request at the start (fail-fast).</summary>
    TargetFailed,
}

public sealed record RunTarget(string Kind, string? Endpoint, string? Variant, string? Region, string? Url)
{
    /// <summary>True for a streaming run (token columns in timeline.csv and steps.csv); absent otherwise.</summary>
    public bool? Stream { get; init; }
}

public sealed record PhaseWindow(int Index, string Shape, DateTimeOffset StartUtc, DateTimeOffset EndUtc)
{
    /// <summary>"poisson" or "uniform": how the phase's requests arrived (open model); null for a pause, in the
    /// closed model, and in run.json files written before it was recorded (those ran uniform ladders and ramps).</summary>
    public string? Arrivals { get; init; }
}

/// <summary>A steady step: <see cref="SteadyStartUtc"/> is after the warm-up, which analysis excludes.</summary>
public sealed record StepWindow(int Index, int PhaseIndex, double TargetRate,
    DateTimeOffset StartUtc, DateTimeOffset SteadyStartUtc, DateTimeOffset EndUtc)
{
    /// <summary>Set when the run stopped inside this step: the end its schedule planned (<see cref="EndUtc"/> is the stop).</summary>
    public DateTimeOffset? PlannedEndUtc { get; init; }
}

public sealed record RunTotals(long Scheduled, long Started, long Completed, long Ok, long Errors, long Dropped, long Late,
    double P50Ms, double P90Ms, double P99Ms, double MaxMs);

public sealed record ThresholdResult(string Expression, bool Passed, double Observed, string Detail);

public sealed record SloInfo(double LatencyPercentile, double LatencyMs, double MaxErrorRateFraction);

public sealed record RecommendInfo(double? PeakRps, double? InstanceStartupS, double? PricePerInstanceHourUsd,
    double? GrowthFractionPerMin, int? MinCapacity, int? MaxCapacity);
