using System.Text;
using System.Text.Json;
using LoadLab.Core.Json;

namespace LoadLab.Core.Iac;

/// <summary>
/// A bash script of AWS CLI calls in apply's order (target, policies, alarms, scheduled actions), each request given
/// with --cli-input-json in AWS's own field names. A step policy's ARN is captured into a shell variable and spliced
/// into its alarm's AlarmActions in place of the "policy-arn:NAME" placeholder.
/// </summary>
public static class AwsCliEmitter
{
    private static readonly JsonSerializerOptions Compact = new(LoadLabJson.Options) { WriteIndented = false };

    public static string Emit(IacRequests c, IacOptions? options = null)
    {
        var o = options ?? IacOptions.Default;
        var reg = string.IsNullOrEmpty(o.Region) ? "" : " --region " + IacNames.ShellQuote(o.Region);
        var sb = new StringBuilder();
        sb.Append("#!/usr/bin/env bash\n");
        sb.Append($"# Written by {o.Generator} for {c.ResourceId}. Needs application-autoscaling:* and cloudwatch:PutMetricAlarm.\n");
        sb.Append(reg.Length == 0
            ? "# Region and profile come from the usual AWS CLI settings (AWS_REGION, AWS_PROFILE, or --region/--profile below).\n"
            : "# The profile comes from the usual AWS CLI settings (AWS_PROFILE, or --profile below).\n");
        sb.Append("set -euo pipefail\n\n");
        if (c.Target is { } t)
            sb.Append($"aws application-autoscaling register-scalable-target{reg} --cli-input-json ").Append(IacNames.ShellQuote(Json(t))).Append("\n\n");

        var policyNames = c.Policies.Select(p => p.PolicyName).ToHashSet(StringComparer.Ordinal);
        var referenced = c.Alarms.SelectMany(a => a.AlarmActions ?? []).Select(IacNames.PlaceholderPolicy).OfType<string>()
            .Where(policyNames.Contains).ToHashSet(StringComparer.Ordinal);
        foreach (var p in c.Policies)
        {
            if (referenced.Contains(p.PolicyName))
                sb.Append(Var(p.PolicyName)).Append($"=$(aws application-autoscaling put-scaling-policy{reg} --cli-input-json ")
                  .Append(IacNames.ShellQuote(Json(p))).Append(" --query PolicyARN --output text)\n");
            else
                sb.Append($"aws application-autoscaling put-scaling-policy{reg} --cli-input-json ").Append(IacNames.ShellQuote(Json(p))).Append('\n');
        }
        if (c.Policies.Count > 0) sb.Append('\n');

        foreach (var a in c.Alarms)
        {
            // The alarm's JSON goes in single quotes, where nothing expands: the ARN variable is spliced in by closing
            // the quote, expanding it inside double quotes, and reopening. A marker stands in for the placeholder so
            // that only whole AlarmActions entries are replaced.
            var json = IacNames.ShellQuote(Json(a with
            {
                AlarmActions = a.AlarmActions?.Select(x => IacNames.PlaceholderPolicy(x) is { } n && referenced.Contains(n) ? Marker(n) : x).ToList(),
            }));
            foreach (var name in referenced)
                json = json.Replace(JsonSerializer.Serialize(Marker(name), Compact), "\"'\"${" + Var(name) + "}\"'\"", StringComparison.Ordinal);
            sb.Append($"aws cloudwatch put-metric-alarm{reg} --cli-input-json ").Append(json).Append('\n');
        }
        if (c.Alarms.Count > 0) sb.Append('\n');

        foreach (var s in c.ScheduledActions)
            sb.Append($"aws application-autoscaling put-scheduled-action{reg} --cli-input-json ").Append(IacNames.ShellQuote(Json(s))).Append('\n');
        return sb.ToString();
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, Compact);

    private static string Marker(string policyName) => "__LOADLAB_POLICY_ARN__" + policyName + "__";

    private static string Var(string policyName) => "POLICY_ARN_" + IacNames.Identifier(policyName).ToUpperInvariant();
}
