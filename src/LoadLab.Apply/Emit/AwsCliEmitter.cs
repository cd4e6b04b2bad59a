using System.Text;
using System.Text.Json;
using LoadLab.Apply.Model;
using LoadLab.Core.Json;

namespace LoadLab.Apply.Emit;

/// <summary>A bash script of AWS CLI calls, in apply's order, using --cli-input-json with AWS's own field names.</summary>
public static class AwsCliEmitter
{
    private static readonly JsonSerializerOptions Compact = new(LoadLabJson.Options) { WriteIndented = false };

    public static string Emit(DesiredConfig c)
    {
        var sb = new StringBuilder();
        sb.Append("#!/usr/bin/env bash\n");
        sb.Append($"# Written by loadlab apply --emit cli for {c.Key.ResourceId}. Needs application-autoscaling:* and cloudwatch:PutMetricAlarm.\n");
        sb.Append("# Region and profile come from the usual AWS CLI settings (AWS_REGION, AWS_PROFILE, or --region/--profile below).\n");
        sb.Append("set -euo pipefail\n\n");
        if (c.Target is { } t)
            sb.Append("aws application-autoscaling register-scalable-target --cli-input-json ").Append(Quote(Json(t))).Append("\n\n");

        var referenced = c.Alarms.SelectMany(a => a.AlarmActions ?? []).Select(IacEmitter.PlaceholderPolicy).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var p in c.Policies)
        {
            if (referenced.Contains(p.PolicyName))
                sb.Append(Var(p.PolicyName)).Append("=$(aws application-autoscaling put-scaling-policy --cli-input-json ")
                  .Append(Quote(Json(p))).Append(" --query PolicyARN --output text)\n");
            else
                sb.Append("aws application-autoscaling put-scaling-policy --cli-input-json ").Append(Quote(Json(p))).Append('\n');
        }
        if (c.Policies.Count > 0) sb.Append('\n');

        foreach (var a in c.Alarms)
        {
            // The alarm's JSON goes in single quotes; the ARN variable is spliced in by closing and reopening them.
            var json = Quote(Json(a with { AlarmActions = a.AlarmActions?.Select(x => IacEmitter.PlaceholderPolicy(x) is { } n ? Marker(n) : x).ToList() }));
            foreach (var name in referenced)
                json = json.Replace(JsonSerializer.Serialize(Marker(name), Compact), "\"'\"${" + Var(name) + "}\"'\"", StringComparison.Ordinal);
            sb.Append("aws cloudwatch put-metric-alarm --cli-input-json ").Append(json).Append('\n');
        }
        if (c.Alarms.Count > 0) sb.Append('\n');

        foreach (var s in c.ScheduledActions)
            sb.Append("aws application-autoscaling put-scheduled-action --cli-input-json ").Append(Quote(Json(s))).Append('\n');
        return sb.ToString();
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, Compact);

    private static string Marker(string policyName) => "__LOADLAB_POLICY_ARN__" + policyName + "__";

    private static string Var(string policyName) => "POLICY_ARN_" + IacEmitter.Identifier(policyName).ToUpperInvariant();

    /// <summary>POSIX single quoting: nothing inside expands; a single quote becomes '"'"'.</summary>
    public static string Quote(string s) => "'" + s.Replace("'", "'\"'\"'", StringComparison.Ordinal) + "'";
}
