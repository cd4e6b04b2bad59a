namespace LoadLab.Core.Scenarios.Loading;

/// <summary>Every field name a scenario file may use, by section and by phase shape (camelCase, as in DESIGN.md).</summary>
internal static class ScenarioFields
{
    public static readonly string[] Top =
        ["name", "description", "target", "payload", "slo", "load", "thresholds", "abortOnFail", "recommend", "seed"];

    public static readonly string[] SageMakerOnly = ["endpoint", "variant", "region", "endpointUrl", "customAttributes", "targetVariant"];
    public static readonly string[] HttpOnly = ["url", "method", "headers"];
    public static readonly string[] TargetCommon = ["kind", "timeout"];
    public static readonly string[] SageMakerTarget = [.. TargetCommon, .. SageMakerOnly];
    public static readonly string[] HttpTarget = [.. TargetCommon, .. HttpOnly];
    public static readonly string[] AnyTarget = [.. TargetCommon, .. SageMakerOnly, .. HttpOnly];

    public static readonly string[] Payload = ["contentType", "accept", "file", "folder", "jsonl", "inline"];
    public static readonly string[] PayloadSources = ["file", "folder", "jsonl", "inline"];
    public static readonly string[] Slo = ["latency", "maxErrorRate"];
    public static readonly string[] SloLatency = ["percentile", "ms"];
    public static readonly string[] Load = ["model", "phases", "maxInFlight", "thinkTime", "gracefulStop", "arrivals", "warmupRequests"];
    public static readonly string[] ArrivalChoices = ["poisson", "uniform"];
    public static readonly string[] Recommend =
        ["peakRps", "instanceStartup", "pricePerInstanceHour", "growthPerMinute", "minCapacity", "maxCapacity"];

    public static readonly string[] Shapes = ["steps", "ramp", "constant", "spike", "poisson", "sine", "replay", "pause"];

    /// <summary>Fields each phase shape takes, besides <c>shape</c>.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> PhaseFields = new Dictionary<string, string[]>
    {
        ["constant"] = ["rate", "users", "duration"],
        ["poisson"] = ["rate", "duration"],
        ["ramp"] = ["from", "to", "duration"],
        ["steps"] = ["from", "to", "step", "hold", "warmup"],
        ["spike"] = ["base", "peak", "duration", "peakDuration"],
        ["sine"] = ["mean", "amplitude", "period", "duration"],
        ["replay"] = ["file", "speedup", "scale", "skip", "take"],
        ["pause"] = ["duration"],
    };

    /// <summary>Fields every phase that sends requests takes (all but pause).</summary>
    public static readonly string[] ArrivingPhase = ["arrivals"];

    public static readonly string[] AnyPhase = ["shape", .. PhaseFields.Values.SelectMany(v => v).Distinct(), .. ArrivingPhase];

    /// <summary>Sections whose fields a misplaced top-level key may belong to, for "did you mean 'target.endpoint'?".</summary>
    public static readonly (string Section, string[] Fields)[] Sections =
    [
        ("target", AnyTarget), ("payload", Payload), ("slo", Slo), ("slo.latency", SloLatency), ("load", Load),
        ("recommend", Recommend),
    ];
}
