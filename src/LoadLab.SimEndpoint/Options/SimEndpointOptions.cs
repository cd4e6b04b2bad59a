using System.Text.RegularExpressions;
using LoadLab.Core.Errors;

namespace LoadLab.SimEndpoint.Options;

public enum WorkKind { Sleep, Cpu }

/// <summary>What the instances run: the default request/response model (M/G/c/K), or a streaming language model.</summary>
public enum SimModelKind { Default, Llm }

public enum RoutingKind { Random, LeastOutstanding }

/// <summary>How ModelLatency/OverheadLatency are published: StatisticValues (one aggregate, what moto stores cheaply)
/// or Values/Counts (a bucketed distribution, so real CloudWatch can answer percentiles).</summary>
public enum LatencyShape { Statistics, Values }

/// <summary>
/// Everything <c>loadlab sim-endpoint</c> is configured with. Defaults are the documented ones; call
/// <see cref="Validate"/> (or <see cref="ThrowIfInvalid"/>) before use — the host refuses invalid options.
/// </summary>
public sealed partial record SimEndpointOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free one (the bound URL is printed and returned). Default 8080.</summary>
    public int Port { get; init; } = 8080;

    /// <summary>SageMaker endpoint name served and registered. Default <c>loadlab-sim</c>.</summary>
    public string EndpointName { get; init; } = "loadlab-sim";

    /// <summary>Production variants with weights (and optional per-variant instance counts). Default one <c>AllTraffic</c>.</summary>
    public IReadOnlyList<VariantSpec> Variants { get; init; } = [new VariantSpec("AllTraffic", 1, null)];

    /// <summary>Initial instance count of each variant that does not set its own. Default 1.</summary>
    public int Instances { get; init; } = 1;

    /// <summary>
    /// <c>default</c>: requests take a service time on a worker. <c>llm</c>: each instance continuously batches token
    /// generation (<see cref="Llm"/>) and streams tokens on /invocations-response-stream; the batch size takes the place of
    /// <see cref="Workers"/>. Default default.
    /// </summary>
    public SimModelKind Model { get; init; } = SimModelKind.Default;

    /// <summary>The simulated language model (used with <see cref="Model"/> llm).</summary>
    public Llm.LlmOptions Llm { get; init; } = new();

    /// <summary>Concurrent workers per instance (c of M/G/c); with the llm model, the batch size. Default 4.</summary>
    public int Workers { get; init; } = 4;

    /// <summary>Requests that may wait per instance beyond the busy workers; one more gets 503. Default 16.</summary>
    public int Queue { get; init; } = 16;

    /// <summary>Service time distribution. Default <c>lognormal:20ms,cv=0.5</c>.</summary>
    public ServiceTimeSpec ServiceTime { get; init; } = ServiceTimeSpec.Default;

    /// <summary>Extra service time per KiB of request payload. Default 0.</summary>
    public TimeSpan ServiceTimePerKb { get; init; } = TimeSpan.Zero;

    /// <summary><c>sleep</c> waits for the service time; <c>cpu</c> burns real CPU for it. Default sleep.</summary>
    public WorkKind Work { get; init; } = WorkKind.Sleep;

    /// <summary>Time from a scale-out to the new instance being InService (emulated time). Default 30s.</summary>
    public TimeSpan StartupDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Uniform ± jitter on <see cref="StartupDelay"/>. Default 5s.</summary>
    public TimeSpan StartupJitter { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest a removed instance drains before it is terminated with requests still queued. Default 60s.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>CloudWatch period (emulated time): 60s like SageMaker, or 1s/5s/10s/30s high resolution. Default 60s.</summary>
    public TimeSpan MetricsPeriod { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Shape of the latency metrics. Default statistics (moto expands Values into single data points).</summary>
    public LatencyShape LatencyShape { get; init; } = LatencyShape.Statistics;

    /// <summary>Fraction of served requests answered with ModelError 424. Default 0.</summary>
    public double ErrorRate { get; init; }

    /// <summary>Seed of every random draw (routing, service times, errors, jitter). Default 1.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Instance routing inside a variant, as SageMaker's RoutingConfig. Default random.</summary>
    public RoutingKind Routing { get; init; } = RoutingKind.Random;

    /// <summary>Reject invocations whose SigV4 signature does not verify against the configured credentials. Default off.</summary>
    public bool VerifySigV4 { get; init; }

    /// <summary>Emulated seconds per real second for startup, drain, metric periods and history. Default 1.</summary>
    public double TimeScale { get; init; } = 1;

    /// <summary>Endpoint-wide request rate above which ThrottlingException is answered; 0 = never. Default 0.</summary>
    public double MaxRps { get; init; }

    /// <summary>HTTP status of ThrottlingException: 400 as the InvokeEndpoint reference lists, or 429. Default 400.</summary>
    public int ThrottleStatus { get; init; } = 400;

    /// <summary>Upper bound on desired instances per variant (admin API and control plane). Default 20.</summary>
    public int MaxInstances { get; init; } = 20;

    /// <summary>How often DescribeEndpoint is polled for DesiredInstanceCount changes (real time). Default 2s.</summary>
    public TimeSpan ControlPlanePoll { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Emulate Application Auto Scaling: read the variant's scalable target, policies and scheduled actions
    /// and scale the fleet with the simulator's autoscaler. Null (default) = on when registered with a control plane.
    /// </summary>
    public bool? Autoscale { get; init; }

    /// <summary>
    /// With --time-scale above 1, let the emulated autoscaler read Invocations and InvocationsPerInstance as rates per
    /// REAL minute (the published count x the time scale), the units in which `loadlab analyze` recommends targets, so a
    /// recommended policy means the same under time compression. Off (default): it reads the published counts per
    /// emulated minute. CloudWatch always gets the published counts.
    /// </summary>
    public bool AutoscaleRealRate { get; init; }

    /// <summary>
    /// Emulated time from the end of a metric period to the autoscaler acting on it: CloudWatch's publication of the
    /// datapoint plus the alarm's evaluation and Application Auto Scaling's reaction. AWS publishes no figure for it;
    /// 60s is LoadLab's assumption for this emulation, and `loadlab simulate` does not model it, so a closed-loop check
    /// measures what that costs instead of echoing the model. Default 60s.
    /// </summary>
    public TimeSpan AutoscaleAlarmDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A further uniform delay in [0, this], drawn per evaluation from the seeded stream. Default 30s.</summary>
    public TimeSpan AutoscaleAlarmJitter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Never talk to a control plane or CloudWatch, even when one is configured. Default false.</summary>
    public bool Standalone { get; init; }

    /// <summary>Account id used in messages and ARNs when no control plane tells us one. Default 123456789012.</summary>
    public string AccountId { get; init; } = "123456789012";

    /// <summary>AWS settings (CLI globals); null falls back to the environment in the AWS layer.</summary>
    public string? Region { get; init; }
    public string? Profile { get; init; }
    public string? EndpointUrl { get; init; }

    /// <summary>Instance count each variant starts with.</summary>
    public int InitialInstances(VariantSpec v) => v.Instances ?? Instances;

    [GeneratedRegex("^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$")]
    private static partial Regex EndpointNamePattern();

    private static readonly TimeSpan[] AllowedPeriods =
        [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30)];

    /// <summary>Every problem with these options, each naming its flag. Empty when valid.</summary>
    public IReadOnlyList<Problem> Validate()
    {
        var p = new List<Problem>();
        void Bad(string flag, string message) => p.Add(Problem.General("sim-endpoint", flag, message));

        if (Port is < 0 or > 65535) Bad("--port", $"{Port} is not a TCP port (0..65535; 0 = any free port)");
        if (!EndpointNamePattern().IsMatch(EndpointName ?? ""))
            Bad("--endpoint-name", $"'{EndpointName}' is not a SageMaker endpoint name (letters, digits, hyphens; at most 63; starts and ends with a letter or digit)");
        if (Variants.Count == 0) Bad("--variant", "at least one variant is needed");
        foreach (var dup in Variants.GroupBy(v => v.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            Bad("--variant", $"variant '{dup.Key}' is given more than once");
        if (Variants.Count > 0 && Variants.Sum(v => v.Weight) <= 0) Bad("--variant", "the variant weights add up to 0; at least one must be above 0");
        if (Variants.Count > 10) Bad("--variant", "SageMaker allows at most 10 production variants");
        if (Instances < 1 || Instances > MaxInstances) Bad("--instances", $"{Instances} must be between 1 and --max-instances ({MaxInstances})");
        foreach (var v in Variants.Where(v => v.Instances > MaxInstances))
            Bad("--variant", $"variant '{v.Name}' starts with {v.Instances} instances, above --max-instances ({MaxInstances})");
        if (MaxInstances is < 1 or > 1000) Bad("--max-instances", $"{MaxInstances} must be between 1 and 1000");
        if (Workers is < 1 or > 1024) Bad("--workers", $"{Workers} must be between 1 and 1024 per instance");
        if (Queue is < 0 or > 100_000) Bad("--queue", $"{Queue} must be between 0 and 100000 per instance");
        if (ServiceTimePerKb < TimeSpan.Zero || ServiceTimePerKb > TimeSpan.FromSeconds(10)) Bad("--service-time-per-kb", "must be between 0 and 10s");
        if (StartupDelay < TimeSpan.Zero || StartupDelay > TimeSpan.FromHours(2)) Bad("--startup-delay", "must be between 0 and 2h");
        if (StartupJitter < TimeSpan.Zero || StartupJitter > StartupDelay) Bad("--startup-jitter", $"must be between 0 and --startup-delay ({DurationText.Format(StartupDelay)})");
        if (AutoscaleAlarmDelay < TimeSpan.Zero || AutoscaleAlarmDelay > TimeSpan.FromMinutes(30)) Bad("--autoscale-alarm-delay", "must be between 0 and 30m");
        if (AutoscaleAlarmJitter < TimeSpan.Zero || AutoscaleAlarmJitter > TimeSpan.FromMinutes(30)) Bad("--autoscale-alarm-jitter", "must be between 0 and 30m");
        if (DrainTimeout < TimeSpan.Zero || DrainTimeout > TimeSpan.FromHours(1)) Bad("--drain-timeout", "must be between 0 and 1h");
        if (MetricsPeriod != TimeSpan.FromSeconds(60) && !AllowedPeriods.Contains(MetricsPeriod)
            && !(MetricsPeriod > TimeSpan.FromSeconds(60) && MetricsPeriod.Ticks % TimeSpan.TicksPerMinute == 0 && MetricsPeriod <= TimeSpan.FromHours(1)))
            Bad("--metrics-period", $"{DurationText.Format(MetricsPeriod)} is not a CloudWatch period; use 1s, 5s, 10s, 30s (high resolution) or a multiple of 60s");
        if (ErrorRate is < 0 or > 1 || double.IsNaN(ErrorRate)) Bad("--error-rate", $"{ErrorRate} must be a fraction between 0 and 1 (e.g. 0.01 for 1%)");
        if (TimeScale is < 1 or > 3600 || double.IsNaN(TimeScale)) Bad("--time-scale", $"{TimeScale} must be between 1 (real time) and 3600 emulated seconds per real second");
        if (MaxRps < 0 || double.IsNaN(MaxRps) || double.IsInfinity(MaxRps)) Bad("--max-rps", "must be >= 0 (0 = no throttling)");
        if (ThrottleStatus is not (400 or 429)) Bad("--throttle-status", $"{ThrottleStatus} must be 400 or 429");
        if (ControlPlanePoll < TimeSpan.FromMilliseconds(100) || ControlPlanePoll > TimeSpan.FromMinutes(5)) Bad("--control-plane-poll", "must be between 100ms and 5m");
        if (string.IsNullOrEmpty(AccountId) || AccountId.Length != 12 || !AccountId.All(char.IsAsciiDigit)) Bad("--account-id", "must be 12 digits");
        if (EndpointUrl is { Length: > 0 } && !Uri.TryCreate(EndpointUrl, UriKind.Absolute, out _)) Bad("--endpoint-url", $"'{EndpointUrl}' is not an absolute URL");
        if (Model == SimModelKind.Llm) p.AddRange(Llm.Validate());
        return p;
    }

    public SimEndpointOptions ThrowIfInvalid()
    {
        var problems = Validate();
        if (problems.Count > 0) throw new UserInputException(problems);
        return this;
    }
}
