using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LoadLab.Core.Json;

namespace LoadLab.Core.Iac;

/// <summary>
/// A CloudFormation template: AWS::ApplicationAutoScaling::ScalableTarget with its ScheduledActions, one
/// AWS::ApplicationAutoScaling::ScalingPolicy per policy, and one AWS::CloudWatch::Alarm per alarm whose alarm and OK
/// actions use Ref of the policy (a ScalingPolicy's Ref is its ARN). Property names are AWS's API names, which these
/// resource types share, so policy configurations and alarms are the requests' own JSON. Written as JSON or YAML
/// (<see cref="IacOptions.CloudFormationSyntax"/>) from one tree, so both always say the same.
/// </summary>
public static class CloudFormationEmitter
{
    public const string TargetLogicalId = "ScalableTarget";

    public static string Emit(IacRequests c, IacOptions? options = null)
    {
        var o = options ?? IacOptions.Default;
        var template = Template(c, o);
        return o.CloudFormationSyntax == CloudFormationSyntax.Yaml
            ? CloudFormationYaml.Write(template)
            : template.ToJsonString(LoadLabJson.Options) + "\n";
    }

    /// <summary>The template as a JSON tree; a { "Ref": id } object is CloudFormation's Ref in either syntax.</summary>
    public static JsonObject Template(IacRequests c, IacOptions o)
    {
        var resources = new JsonObject();
        if (c.Target is { } t)
        {
            var props = new JsonObject
            {
                ["ServiceNamespace"] = t.ServiceNamespace,
                ["ResourceId"] = t.ResourceId,
                ["ScalableDimension"] = t.ScalableDimension,
                ["MinCapacity"] = t.MinCapacity,
                ["MaxCapacity"] = t.MaxCapacity,
            };
            if (t.RoleARN is not null) props["RoleARN"] = t.RoleARN;
            if (t.SuspendedState is not null) props["SuspendedState"] = Node(t.SuspendedState);
            if (c.ScheduledActions.Count > 0)
                props["ScheduledActions"] = new JsonArray(c.ScheduledActions.Select(s =>
                {
                    var a = new JsonObject { ["ScheduledActionName"] = s.ScheduledActionName, ["Schedule"] = s.Schedule };
                    if (s.Timezone is not null) a["Timezone"] = s.Timezone;
                    if (s.StartTime is { } st) a["StartTime"] = Utc(st);
                    if (s.EndTime is { } et) a["EndTime"] = Utc(et);
                    if (s.ScalableTargetAction is not null) a["ScalableTargetAction"] = Node(s.ScalableTargetAction);
                    return (JsonNode)a;
                }).ToArray());
            resources[TargetLogicalId] = new JsonObject { ["Type"] = "AWS::ApplicationAutoScaling::ScalableTarget", ["Properties"] = props };
        }

        var policyIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in c.Policies)
        {
            var props = new JsonObject { ["PolicyName"] = p.PolicyName, ["PolicyType"] = p.PolicyType };
            if (c.Target is not null) props["ScalingTargetId"] = Ref(TargetLogicalId);
            else
            {
                props["ServiceNamespace"] = p.ServiceNamespace;
                props["ResourceId"] = p.ResourceId;
                props["ScalableDimension"] = p.ScalableDimension;
            }
            if (p.TargetTrackingScalingPolicyConfiguration is { } tt) props["TargetTrackingScalingPolicyConfiguration"] = Node(tt);
            if (p.StepScalingPolicyConfiguration is { } st) props["StepScalingPolicyConfiguration"] = Node(st);
            resources[PolicyId(p.PolicyName)] = new JsonObject { ["Type"] = "AWS::ApplicationAutoScaling::ScalingPolicy", ["Properties"] = props };
            policyIds.Add(p.PolicyName);
        }

        foreach (var a in c.Alarms)
        {
            var props = (JsonObject)Node(a with { AlarmActions = null, OKActions = null });
            if (a.AlarmActions is { } actions) props["AlarmActions"] = Actions(actions);
            if (a.OKActions is { } ok) props["OKActions"] = Actions(ok);
            resources["Alarm" + IacNames.Pascal(a.AlarmName)] = new JsonObject { ["Type"] = "AWS::CloudWatch::Alarm", ["Properties"] = props };
        }

        return new JsonObject
        {
            ["AWSTemplateFormatVersion"] = "2010-09-09",
            ["Description"] = $"Autoscaling for {c.ResourceId}, written by {o.Generator}",
            ["Resources"] = resources,
        };

        JsonArray Actions(IEnumerable<string> actions) => new(actions.Select(x =>
            IacNames.PlaceholderPolicy(x) is { } n && policyIds.Contains(n) ? Ref(PolicyId(n)) : JsonValue.Create(x)).ToArray());
    }

    public static string PolicyId(string policyName) => "Policy" + IacNames.Pascal(policyName);

    private static JsonNode Ref(string logicalId) => new JsonObject { ["Ref"] = logicalId };

    private static string Utc(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static JsonNode Node<T>(T value) => JsonSerializer.SerializeToNode(value, LoadLabJson.Options)!;
}
