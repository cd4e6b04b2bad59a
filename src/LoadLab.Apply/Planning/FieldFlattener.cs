using System.Text.Json;
using System.Text.Json.Nodes;
using LoadLab.Core.AwsApi;
using LoadLab.Core.Json;

namespace LoadLab.Apply.Planning;

/// <summary>
/// Turns a request into "path = value" pairs with AWS's field names (e.g.
/// <c>TargetTrackingScalingPolicyConfiguration.TargetValue = 700</c>), so two configurations compare field by field
/// and a plan can print exactly what changes. Identity fields (names, resource id) are left out: they label the
/// resource instead. Lists whose order AWS does not keep (step adjustments, dimensions) are sorted first.
/// </summary>
public static class FieldFlattener
{
    private static readonly HashSet<string> IdentityFields = new(StringComparer.Ordinal)
    { "ServiceNamespace", "ResourceId", "ScalableDimension", "PolicyName", "ScheduledActionName", "AlarmName" };

    public static SortedDictionary<string, string> Flatten(RegisterScalableTargetRequest r) => FlattenNode(r);

    public static SortedDictionary<string, string> Flatten(PutScalingPolicyRequest r)
    {
        if (r.StepScalingPolicyConfiguration is { StepAdjustments: { } steps } step)
            r = r with { StepScalingPolicyConfiguration = step with { StepAdjustments = steps.OrderBy(s => s.MetricIntervalLowerBound ?? double.NegativeInfinity).ToList() } };
        if (r.TargetTrackingScalingPolicyConfiguration is { CustomizedMetricSpecification: { Dimensions: { } dims } cm } tt)
            r = r with { TargetTrackingScalingPolicyConfiguration = tt with { CustomizedMetricSpecification = cm with { Dimensions = SortDims(dims) } } };
        return FlattenNode(r);
    }

    public static SortedDictionary<string, string> Flatten(PutScheduledActionRequest r) =>
        FlattenNode(r with { StartTime = r.StartTime?.ToUniversalTime(), EndTime = r.EndTime?.ToUniversalTime() });

    public static SortedDictionary<string, string> Flatten(PutMetricAlarmRequest r) =>
        FlattenNode(r with { Dimensions = r.Dimensions is null ? null : SortDims(r.Dimensions) });

    private static List<MetricDimension> SortDims(IReadOnlyList<MetricDimension> dims) =>
        dims.OrderBy(d => d.Name, StringComparer.Ordinal).ThenBy(d => d.Value, StringComparer.Ordinal).ToList();

    private static SortedDictionary<string, string> FlattenNode<T>(T request)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var node = JsonSerializer.SerializeToNode(request, LoadLabJson.Options) as JsonObject
                   ?? throw new InvalidOperationException("a request serialised to something other than an object");
        foreach (var (name, value) in node)
            if (!IdentityFields.Contains(name)) Walk(name, value, result);
        return result;
    }

    private static void Walk(string path, JsonNode? node, SortedDictionary<string, string> into)
    {
        switch (node)
        {
            case null:
                return;
            case JsonObject o:
                foreach (var (name, value) in o) Walk($"{path}.{name}", value, into);
                return;
            case JsonArray a:
                // An empty list and an absent one mean the same to AWS.
                for (var i = 0; i < a.Count; i++) Walk($"{path}[{i}]", a[i], into);
                return;
            case JsonValue v:
                into[path] = v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : v.ToJsonString();
                return;
        }
    }
}
