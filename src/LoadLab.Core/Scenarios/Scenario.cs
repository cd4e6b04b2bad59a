namespace LoadLab.Core.Scenarios;

/// <summary>
/// A scenario as loaded from <c>scenarios/*.yaml</c> (or JSON), after validation.
/// Immutable: the loader builds it once, every stage reads it.
/// Durations are <see cref="TimeSpan"/>; rates are requests per second (open model) or users (closed model).
/// </summary>
public sealed record Scenario
{
    public required string Name { get; init; }
    public required TargetSpec Target { get; init; }
    public PayloadSpec? Payload { get; init; }
    public SloSpec Slo { get; init; } = new();
    public required LoadSpec Load { get; init; }
    public IReadOnlyList<string> Thresholds { get; init; } = [];
    /// <summary>Stop the run as soon as a threshold can no longer pass (k6's abortOnFail).</summary>
    public bool AbortOnFail { get; init; }
    public RecommendSpec Recommend { get; init; } = new();
    /// <summary>Seed for every random choice of the run; null means "pick one and record it".</summary>
    public long? Seed { get; init; }
    /// <summary>Where the scenario was read from (for messages and for resolving relative paths).</summary>
    public string? SourcePath { get; init; }
    /// <summary>Free text shown in reports.</summary>
    public string? Description { get; init; }
    /// <summary>Instance types to choose between: the load design runs against each in turn (empty: the target alone).</summary>
    public IReadOnlyList<CandidateSpec> Candidates { get; init; } = [];
}

/// <summary>
/// One candidate of a choice between instance types: a production variant of the target endpoint (reached with
/// TargetVariant), another endpoint, or for an HTTP target another URL; its instance type and, optionally, its price.
/// </summary>
public sealed record CandidateSpec
{
    /// <summary>Names the sub-run folder and the candidate in the choice (default: the variant, else the instance type).</summary>
    public required string Name { get; init; }
    public required string InstanceType { get; init; }
    public string? Variant { get; init; }
    public string? Endpoint { get; init; }
    public string? Url { get; init; }
    /// <summary>USD per instance-hour; wins over --prices and the built-in table.</summary>
    public double? PricePerInstanceHour { get; init; }
    /// <summary>Where the candidate is in the scenario file, for messages about it (its price, its run).</summary>
    public int Line { get; init; }
    public int Column { get; init; }
}

public enum TargetKind { SageMaker, Http }

public sealed record TargetSpec
{
    public TargetKind Kind { get; init; } = TargetKind.SageMaker;
    // sagemaker
    public string? Endpoint { get; init; }
    public string Variant { get; init; } = "AllTraffic";
    public string? Region { get; init; }
    /// <summary>Overrides the SageMaker Runtime URL (local endpoints, moto, VPC endpoints).</summary>
    public string? EndpointUrl { get; init; }
    public string? CustomAttributes { get; init; }
    /// <summary>Sent as X-Amzn-SageMaker-Target-Variant when set.</summary>
    public string? TargetVariant { get; init; }
    // http
    public string? Url { get; init; }
    public string Method { get; init; } = "POST";
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
    /// <summary>Per-request timeout.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>
    /// Streaming responses (generative models): SageMaker's InvokeEndpointWithResponseStream, or an HTTP body read as it
    /// arrives; the run then also measures time to first token, inter-token latency and output tokens.
    /// </summary>
    public bool Stream { get; init; }
}

public sealed record PayloadSpec
{
    public string ContentType { get; init; } = "application/json";
    public string? Accept { get; init; }
    /// <summary>Exactly one of File, Folder, Jsonl, Inline is set.</summary>
    public string? File { get; init; }
    public string? Folder { get; init; }
    public string? Jsonl { get; init; }
    public string? Inline { get; init; }
    /// <summary>
    /// The request bodies, read once by the loader: one for file/inline, one per file of a folder (sorted by name),
    /// one per non-blank line of a JSON-lines file. Targets rotate through them per request.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore] // run.json records the resolved paths, not the bytes
    public IReadOnlyList<PayloadBody> Bodies { get; init; } = [];
}

/// <summary>One request body and where it came from (a file name, or "requests.jsonl:12"), for messages and logs.</summary>
public sealed record PayloadBody(string Source, byte[] Content);

public sealed record SloSpec
{
    public double LatencyPercentile { get; init; } = 90;
    public double LatencyMs { get; init; } = 250;
    /// <summary>Fraction, e.g. 0.01 for 1 %.</summary>
    public double MaxErrorRate { get; init; } = 0.01;
}

public enum LoadModel { Open, Closed }

/// <summary>
/// How an open-model phase's requests are spread in time: <see cref="Uniform"/> at the exact instants where the
/// expected count reaches each integer (evenly spaced at a constant rate), or <see cref="Poisson"/> as a
/// (non-homogeneous) Poisson process of the phase's rate, as independent users arrive in production.
/// </summary>
public enum ArrivalProcess { Uniform, Poisson }

public sealed record LoadSpec
{
    public LoadModel Model { get; init; } = LoadModel.Open;
    public required IReadOnlyList<PhaseSpec> Phases { get; init; }
    /// <summary>Open model: most requests in flight before new arrivals are dropped (and counted).</summary>
    public int MaxInFlight { get; init; } = 10_000;
    /// <summary>Closed model: think time between a user's requests.</summary>
    public TimeSpan ThinkTime { get; init; } = TimeSpan.Zero;
    /// <summary>How long to wait for in-flight requests at the end or on interruption.</summary>
    public TimeSpan GracefulStop { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>Open model: the arrival process of every phase that does not set its own; null = each shape's default
    /// (<see cref="ArrivalProcesses.DefaultFor"/>).</summary>
    public ArrivalProcess? Arrivals { get; init; }
    /// <summary>Requests sent before the clock starts (the client's own cold start: JIT, connections), recorded in
    /// run.json's warmup and in no other file. They reach the target (on SageMaker they are billed); 0 sends none.</summary>
    public int WarmupRequests { get; init; } = 32;
}

public enum PhaseShape { Constant, Steps, Ramp, Spike, Poisson, Sine, Replay, Pause }

/// <summary>
/// One phase of the load. Which fields apply depends on <see cref="Shape"/>; the validator enforces that.
/// Rates are requests/s in the open model and virtual users in the closed model.
/// </summary>
public sealed record PhaseSpec
{
    public required PhaseShape Shape { get; init; }
    /// <summary>1-based line of the phase in the scenario file (for messages).</summary>
    public int Line { get; init; }
    public TimeSpan Duration { get; init; }
    // constant / poisson
    public double Rate { get; init; }
    // steps / ramp
    public double From { get; init; }
    public double To { get; init; }
    public double Step { get; init; }
    public TimeSpan Hold { get; init; }
    public TimeSpan Warmup { get; init; }
    // spike
    public double Base { get; init; }
    public double Peak { get; init; }
    /// <summary>Spike: how long the peak lasts (centered in the phase); default a fifth of the duration.</summary>
    public TimeSpan? PeakDuration { get; init; }
    // sine
    public double Mean { get; init; }
    public double Amplitude { get; init; }
    public TimeSpan Period { get; init; }
    // replay
    public string? File { get; init; }
    public double Speedup { get; init; } = 1;
    /// <summary>Replay: multiply every count (to fit a trace to a fleet's size).</summary>
    public double Scale { get; init; } = 1;
    /// <summary>Replay: skip this many rows / take at most this many rows of the trace.</summary>
    public int Skip { get; init; }
    public int? Take { get; init; }
    /// <summary>Replay: the trace as read (once) by the loader from <see cref="File"/> (an absolute path after loading).</summary>
    [System.Text.Json.Serialization.JsonIgnore] // run.json records the resolved path, not every count
    public ReplayTrace? Trace { get; init; }
    /// <summary>Column of the phase in the scenario file (for messages).</summary>
    public int Column { get; init; }
    /// <summary>Open model: this phase's arrival process; null = the load's, else the shape's default.</summary>
    public ArrivalProcess? Arrivals { get; init; }
}

public sealed record RecommendSpec
{
    /// <summary>Expected production peak in requests/s (sizes MaxCapacity).</summary>
    public double? PeakRps { get; init; }
    /// <summary>Instance startup time; null means "auto" (measured when the run scaled, else a stated default).</summary>
    public TimeSpan? InstanceStartup { get; init; }
    public double? PricePerInstanceHour { get; init; }
    /// <summary>Fastest expected traffic growth, as a fraction per minute (0.1 = +10 %/min); null means derive from the run.</summary>
    public double? GrowthPerMinute { get; init; }
    public int? MinCapacity { get; init; }
    public int? MaxCapacity { get; init; }
}
