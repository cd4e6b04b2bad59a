using LoadLab.Core.Json;
using LoadLab.Core.RunFiles;

namespace LoadLab.Reporting.Apply;

/// <summary>
/// "How to apply": the recommendation's requests as copyable JSON. The AWS CLI, CloudFormation and Terraform versions
/// come from LoadLab.Core.Iac, the same code `loadlab apply --emit` uses.
/// </summary>
public static class ApplySnippets
{
    public sealed record NamedJson(string Operation, string Name, string Json);

    /// <summary>Every request, in the order they must be sent, pretty-printed with the AWS wire names.</summary>
    public static IReadOnlyList<NamedJson> Requests(RecommendationFile r)
    {
        var list = new List<NamedJson> { new("RegisterScalableTarget", r.RegisterScalableTarget.ResourceId, LoadLabJson.Serialize(r.RegisterScalableTarget)) };
        list.AddRange(r.PutScalingPolicy.Select(p => new NamedJson("PutScalingPolicy", p.PolicyName, LoadLabJson.Serialize(p))));
        list.AddRange(r.PutMetricAlarm.Select(a => new NamedJson("PutMetricAlarm", a.AlarmName, LoadLabJson.Serialize(a))));
        list.AddRange(r.PutScheduledAction.Select(s => new NamedJson("PutScheduledAction", s.ScheduledActionName, LoadLabJson.Serialize(s))));
        return list;
    }
}
