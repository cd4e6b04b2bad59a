using System.Text.Json;
using System.Text.Json.Nodes;
using LoadLab.Apply.Model;
using LoadLab.Core.Json;

namespace LoadLab.Apply.Emit;

/// <summary>
/// A CloudFormation template (JSON, which CloudFormation reads as readily as YAML): AWS::ApplicationAutoScaling::
/// ScalableTarget with its ScheduledActions, one AWS::ApplicationAutoScaling::ScalingPolicy per policy, and one
/// AWS::CloudWatch::Alarm per alarm whose AlarmActions use { "Ref": policy } (a ScalingPolicy's Ref is its ARN).
/// Property names are AWS's API names, which these resource types share.
/// </summary>
public static class CloudFormationEmitter
{
    public const string TargetLogicalId = "ScalableTarget";

    public static string Emit(DesiredConfig c)
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
                    var o = new JsonObject { ["ScheduledActionName"] = s.ScheduledActionName, ["Schedule"] = s.Schedule };
                    if (s.Timezone is not null) o["Timezone"] = s.Timezone;
                    if (s.StartTime is { } st) o["StartTime"] = st.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
                    if (s.EndTime is { } et) o["EndTime"] = et.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
                    if (s.ScalableTargetAction is not null) o["ScalableTargetAction"] = Node(s.ScalableTargetAction);
                    return (JsonNode)o;
                }).ToArray());
            resources[TargetLogicalId] = new JsonObject { ["Type"] = "AWS::ApplicationAutoScaling::ScalableTarget", ["Properties"] = props };
        }

        foreach (var p in c.Policies)
        {
            var props = new JsonObject { ["PolicyName"] = p.PolicyName, ["PolicyType"] = p.PolicyType };
            if (c.Target is not null) props["ScalingTargetId"] = new JsonObject { ["Ref"] = TargetLogicalId };
            else
            {
                props["ServiceNamespace"] = p.ServiceNamespace;
                props["ResourceId"] = p.ResourceId;
                props["ScalableDimension"] = p.ScalableDimension;
            }
            if (p.TargetTrackingScalingPolicyConfiguration is { } tt) props["TargetTrackingScalingPolicyConfiguration"] = Node(tt);
            if (p.StepScalingPolicyConfiguration is { } st) props["StepScalingPolicyConfiguration"] = Node(st);
            resources[PolicyId(p.PolicyName)] = new JsonObject { ["Type"] = "AWS::ApplicationAutoScaling::ScalingPolicy", ["Properties"] = props };
        }

        foreach (var a in c.Alarms)
        {
            var props = (JsonObject)Node(a with { AlarmActions = null });
            if (a.AlarmActions is { } actions)
                props["AlarmActions"] = new JsonArray(actions.Select(x => IacEmitter.PlaceholderPolicy(x) is { } n
                    ? (JsonNode)new JsonObject { ["Ref"] = PolicyId(n) }
                    : JsonValue.Create(x)).ToArray());
            resources["Alarm" + IacEmitter.Pascal(a.AlarmName)] = new JsonObject { ["Type"] = "AWS::CloudWatch::Alarm", ["Properties"] = props };
        }

        var template = new JsonObject
        {
            ["AWSTemplateFormatVersion"] = "2010-09-09",
            ["Description"] = $"Autoscaling for {c.Key.ResourceId}, written by loadlab apply --emit cloudformation",
            ["Resources"] = resources,
        };
        return template.ToJsonString(LoadLabJson.Options) + "\n";
    }

    public static string PolicyId(string policyName) => "Policy" + IacEmitter.Pascal(policyName);

    private static JsonNode Node<T>(T value) => JsonSerializer.SerializeToNode(value, LoadLabJson.Options)!;
}
