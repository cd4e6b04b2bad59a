using System.Globalization;
using LoadLab.Core.Errors;
using LoadLab.SimEndpoint.Theory;

namespace LoadLab.SimEndpoint.Options;

/// <summary>
/// The flags of <c>loadlab sim-endpoint</c> as typed (text for everything with a unit or a keyword), so the CLI
/// stays a thin parser and every message about a bad value is made here, naming its flag. Null = default.
/// </summary>
public sealed record SimEndpointFlags
{
    public int? Port { get; init; }
    public string? EndpointName { get; init; }
    public IReadOnlyList<string> Variants { get; init; } = [];
    public int? Instances { get; init; }
    public int? Workers { get; init; }
    public int? Queue { get; init; }
    public string? ServiceTime { get; init; }
    public string? ServiceTimePerKb { get; init; }
    public string? Work { get; init; }
    public string? StartupDelay { get; init; }
    public string? StartupJitter { get; init; }
    public string? DrainTimeout { get; init; }
    public string? MetricsPeriod { get; init; }
    public string? LatencyShape { get; init; }
    public double? ErrorRate { get; init; }
    public long? Seed { get; init; }
    public string? Routing { get; init; }
    public bool VerifySigV4 { get; init; }
    public double? TimeScale { get; init; }
    public double? MaxRps { get; init; }
    public int? ThrottleStatus { get; init; }
    public int? MaxInstances { get; init; }
    public string? ControlPlanePoll { get; init; }
    public bool Standalone { get; init; }
    /// <summary>--autoscale on|off (null = on when registered with a control plane).</summary>
    public bool? Autoscale { get; init; }
    public bool AutoscaleRealRate { get; init; }
    public string? AutoscaleAlarmDelay { get; init; }
    public string? AutoscaleAlarmJitter { get; init; }
    public string? Region { get; init; }
    public string? Profile { get; init; }
    public string? EndpointUrl { get; init; }
    // --model llm
    public string? Model { get; init; }
    public int? MaxBatch { get; init; }
    public string? PrefillPerToken { get; init; }
    public string? DecodeStep { get; init; }
    public string? DecodeStepPerSequence { get; init; }
    public int? OutputTokens { get; init; }
    // --describe
    public bool Describe { get; init; }
    public double? SloPercentile { get; init; }
    public double? SloMs { get; init; }
    /// <summary>--slo-max-error-rate: the SLO's error budget as a fraction (default 0.01, like slo.maxErrorRate).</summary>
    public double? SloMaxErrorRate { get; init; }
    public long? PayloadBytes { get; init; }
    public bool Json { get; init; }

    /// <summary>Options and (with --describe) the describe request; throws <see cref="UserInputException"/> listing every problem.</summary>
    public (SimEndpointOptions Options, DescribeRequest? Describe) Resolve()
    {
        var problems = new List<Problem>();
        void Bad(string flag, string message) => problems.Add(Problem.General("sim-endpoint", flag, message));
        var d = new SimEndpointOptions();

        TimeSpan Duration(string flag, string? text, TimeSpan fallback)
        {
            if (text is null) return fallback;
            if (DurationText.TryParse(text, out var t)) return t;
            Bad(flag, $"'{text}' is not a duration (e.g. 250ms, 30s, 2m)");
            return fallback;
        }

        var variants = new List<VariantSpec>();
        foreach (var v in Variants)
        {
            if (VariantSpec.TryParse(v, out var spec, out var error)) variants.Add(spec);
            else Bad("--variant", error);
        }
        var serviceTime = d.ServiceTime;
        if (ServiceTime is not null && !ServiceTimeSpec.TryParse(ServiceTime, out serviceTime, out var stError)) Bad("--service-time", stError);

        var work = d.Work;
        switch (Work?.Trim().ToLowerInvariant())
        {
            case null: break;
            case "sleep": work = WorkKind.Sleep; break;
            case "cpu": work = WorkKind.Cpu; break;
            default: Bad("--work", $"'{Work}' is not sleep or cpu"); break;
        }
        var routing = d.Routing;
        switch (Routing?.Trim().ToLowerInvariant())
        {
            case null: break;
            case "random": routing = RoutingKind.Random; break;
            case "least-outstanding" or "least_outstanding_requests" or "least-outstanding-requests": routing = RoutingKind.LeastOutstanding; break;
            default: Bad("--routing", $"'{Routing}' is not random or least-outstanding"); break;
        }
        var shape = d.LatencyShape;
        switch (LatencyShape?.Trim().ToLowerInvariant())
        {
            case null: break;
            case "statistics" or "stats": shape = Options.LatencyShape.Statistics; break;
            case "values": shape = Options.LatencyShape.Values; break;
            default: Bad("--latency-shape", $"'{LatencyShape}' is not statistics or values"); break;
        }

        var model = d.Model;
        switch (Model?.Trim().ToLowerInvariant())
        {
            case null or "default": break;
            case "llm": model = SimModelKind.Llm; break;
            default: Bad("--model", $"'{Model}' is not default or llm"); break;
        }
        var isLlm = model == SimModelKind.Llm;
        if (!isLlm)
        {
            foreach (var (flag, given) in new[] { ("--max-batch", MaxBatch is not null), ("--prefill-per-token", PrefillPerToken is not null),
                         ("--decode-step", DecodeStep is not null), ("--decode-step-per-sequence", DecodeStepPerSequence is not null), ("--output-tokens", OutputTokens is not null) })
                if (given) Bad(flag, "only applies with --model llm");
        }
        else if (Workers is not null) Bad("--workers", "with --model llm the batch size is the concurrency: use --max-batch");
        var dl = d.Llm;
        var llm = new Llm.LlmOptions
        {
            MaxBatch = MaxBatch ?? dl.MaxBatch,
            PrefillPerInputToken = Duration("--prefill-per-token", PrefillPerToken, dl.PrefillPerInputToken),
            DecodeStep = Duration("--decode-step", DecodeStep, dl.DecodeStep),
            DecodeStepPerSequence = Duration("--decode-step-per-sequence", DecodeStepPerSequence, dl.DecodeStepPerSequence),
            DefaultOutputTokens = OutputTokens ?? dl.DefaultOutputTokens,
        };

        var options = new SimEndpointOptions
        {
            Model = model,
            Llm = llm,
            Port = Port ?? d.Port,
            EndpointName = EndpointName ?? d.EndpointName,
            Variants = variants.Count > 0 ? variants : d.Variants,
            Instances = Instances ?? d.Instances,
            Workers = isLlm ? llm.MaxBatch : Workers ?? d.Workers,
            Queue = Queue ?? d.Queue,
            ServiceTime = serviceTime,
            ServiceTimePerKb = Duration("--service-time-per-kb", ServiceTimePerKb, d.ServiceTimePerKb),
            Work = work,
            StartupDelay = Duration("--startup-delay", StartupDelay, d.StartupDelay),
            // Jitter defaults to the documented 5s, but never above a shorter startup delay.
            StartupJitter = Duration("--startup-jitter", StartupJitter,
                StartupDelay is not null && DurationText.TryParse(StartupDelay, out var sd) && sd < d.StartupJitter ? sd : d.StartupJitter),
            DrainTimeout = Duration("--drain-timeout", DrainTimeout, d.DrainTimeout),
            MetricsPeriod = Duration("--metrics-period", MetricsPeriod, d.MetricsPeriod),
            LatencyShape = shape,
            ErrorRate = ErrorRate ?? d.ErrorRate,
            Seed = Seed ?? d.Seed,
            Routing = routing,
            VerifySigV4 = VerifySigV4,
            TimeScale = TimeScale ?? d.TimeScale,
            MaxRps = MaxRps ?? d.MaxRps,
            ThrottleStatus = ThrottleStatus ?? d.ThrottleStatus,
            MaxInstances = MaxInstances ?? d.MaxInstances,
            ControlPlanePoll = Duration("--control-plane-poll", ControlPlanePoll, d.ControlPlanePoll),
            Standalone = Standalone,
            Autoscale = Autoscale,
            AutoscaleRealRate = AutoscaleRealRate,
            AutoscaleAlarmDelay = Duration("--autoscale-alarm-delay", AutoscaleAlarmDelay, d.AutoscaleAlarmDelay),
            AutoscaleAlarmJitter = Duration("--autoscale-alarm-jitter", AutoscaleAlarmJitter, d.AutoscaleAlarmJitter),
            Region = Region,
            Profile = Profile,
            EndpointUrl = EndpointUrl,
        };
        problems.AddRange(options.Validate());

        DescribeRequest? describe = null;
        if (Describe && isLlm) Bad("--describe", "the queueing theory of --describe is for the default model; --model llm has none yet");
        else if (Describe)
        {
            describe = new DescribeRequest
            {
                SloPercentile = SloPercentile ?? 90,
                SloMs = SloMs ?? 250,
                MaxErrorRate = SloMaxErrorRate ?? new DescribeRequest().MaxErrorRate,
                PayloadBytes = PayloadBytes ?? 0,
            };
            if (describe.SloPercentile is <= 0 or >= 100 || double.IsNaN(describe.SloPercentile))
                Bad("--slo-percentile", $"{describe.SloPercentile.ToString(CultureInfo.InvariantCulture)} must be above 0 and below 100");
            if (!(describe.SloMs > 0) || double.IsInfinity(describe.SloMs)) Bad("--slo-ms", "must be a latency bound above 0 ms");
            if (describe.MaxErrorRate is < 0 or > 1 || double.IsNaN(describe.MaxErrorRate))
                Bad("--slo-max-error-rate", $"{describe.MaxErrorRate.ToString(CultureInfo.InvariantCulture)} must be a fraction between 0 and 1 (e.g. 0.01 for 1%)");
            if (describe.PayloadBytes < 0) Bad("--payload-bytes", "must be >= 0");
        }
        else
        {
            if (SloPercentile is not null) Bad("--slo-percentile", "only applies with --describe");
            if (SloMs is not null) Bad("--slo-ms", "only applies with --describe");
            if (SloMaxErrorRate is not null) Bad("--slo-max-error-rate", "only applies with --describe");
            if (PayloadBytes is not null) Bad("--payload-bytes", "only applies with --describe");
            if (Json) Bad("--json", "only applies with --describe");
        }
        if (problems.Count > 0) throw new UserInputException(problems);
        return (options, describe);
    }
}
