namespace LoadLab.Core.Scenarios.Loading;

/// <summary>One mapping of a scenario file: its path, the fields it takes (in the order messages list them), and
/// which of those hold a section or a list rather than a single value.</summary>
internal sealed record FieldSection(string Path, string[] Fields, string[] Nested)
{
    /// <summary>Fields that hold one value (what <c>--set</c> may change).</summary>
    public IEnumerable<string> Values => Fields.Except(Nested, StringComparer.Ordinal);
}

/// <summary>
/// The field catalogue: every field name a scenario file may use, by section and by phase shape (camelCase, as in
/// DESIGN.md). The reader rejects what is not here, the "did you mean 'target.endpoint'?" hints search it, and
/// <c>--set</c> overrides are checked against it, so a field is named once.
/// </summary>
internal static class ScenarioFields
{
    public static readonly string[] SageMakerOnly = ["endpoint", "variant", "region", "endpointUrl", "customAttributes", "targetVariant"];
    public static readonly string[] HttpOnly = ["url", "method", "headers"];
    private static readonly string[] TargetCommon = ["kind", "timeout", "stream"];
    public static readonly string[] SageMakerTarget = [.. TargetCommon, .. SageMakerOnly];
    public static readonly string[] HttpTarget = [.. TargetCommon, .. HttpOnly];

    public static readonly string[] PayloadSources = ["file", "folder", "jsonl", "inline"];
    public static readonly string[] ArrivalChoices = ["poisson", "uniform"];
    public static readonly string[] Shapes = ["steps", "ramp", "constant", "spike", "poisson", "sine", "replay", "pause"];

    /// <summary>Every mapping but the phases, top level first. The order of the sections is the order hints search them.</summary>
    public static readonly FieldSection[] Catalogue =
    [
        new("", ["name", "description", "target", "payload", "slo", "load", "thresholds", "abortOnFail", "recommend", "seed", "candidates"],
            ["target", "payload", "slo", "load", "thresholds", "recommend", "candidates"]),
        new("target", [.. TargetCommon, .. SageMakerOnly, .. HttpOnly], ["headers"]),
        new("payload", ["contentType", "accept", .. PayloadSources], []),
        new("slo", ["latency", "maxErrorRate"], ["latency"]),
        new("slo.latency", ["percentile", "ms"], []),
        new("load", ["model", "phases", "maxInFlight", "thinkTime", "gracefulStop", "arrivals", "warmupRequests"], ["phases"]),
        new("recommend", ["peakRps", "instanceStartup", "pricePerInstanceHour", "growthPerMinute", "minCapacity", "maxCapacity"], []),
    ];

    /// <summary>The section at <paramref name="path"/> ("" for the top level), or null.</summary>
    public static FieldSection? Section(string path) => Catalogue.FirstOrDefault(s => s.Path == path);

    public static readonly string[] Top = Section("")!.Fields;
    public static readonly string[] AnyTarget = Section("target")!.Fields;
    public static readonly string[] Payload = Section("payload")!.Fields;
    public static readonly string[] Slo = Section("slo")!.Fields;
    public static readonly string[] SloLatency = Section("slo.latency")!.Fields;
    public static readonly string[] Load = Section("load")!.Fields;
    public static readonly string[] Recommend = Section("recommend")!.Fields;

    /// <summary>Fields of one entry of <c>candidates</c>.</summary>
    public static readonly string[] Candidate = ["name", "instanceType", "variant", "endpoint", "url", "pricePerInstanceHour"];

    /// <summary>Fields each phase shape takes, besides <c>shape</c> (and <see cref="ArrivingPhase"/> for all but pause).</summary>
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

    /// <summary>The fields a phase of <paramref name="shape"/> takes besides <c>shape</c>.</summary>
    public static string[] PhaseTakes(string shape) =>
        shape == "pause" ? PhaseFields[shape] : [.. PhaseFields[shape], .. ArrivingPhase];
}
