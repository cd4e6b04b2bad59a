using System.Globalization;
using System.Text;
using System.Text.Json;
using LoadLab.Core.AwsApi;
using LoadLab.Core.Json;
using LoadLab.Core.RunFiles;

namespace LoadLab.Reporting.Apply;

/// <summary>
/// "How to apply": the recommendation's requests as copyable JSON, as AWS CLI commands (--cli-input-json), as
/// CloudFormation and as Terraform. Pure text generation from <see cref="RecommendationFile"/>; nothing here calls AWS.
/// </summary>
public static class ApplySnippets
{
    public sealed record NamedJson(string Operation, string Name, string Json);

    private static readonly JsonSerializerOptions Compact = new(LoadLabJson.Options) { WriteIndented = false };
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>Every request, in the order they must be sent, pretty-printed with the AWS wire names.</summary>
    public static IReadOnlyList<NamedJson> Requests(RecommendationFile r)
    {
        var list = new List<NamedJson> { new("RegisterScalableTarget", r.RegisterScalableTarget.ResourceId, LoadLabJson.Serialize(r.RegisterScalableTarget)) };
        list.AddRange(r.PutScalingPolicy.Select(p => new NamedJson("PutScalingPolicy", p.PolicyName, LoadLabJson.Serialize(p))));
        list.AddRange(r.PutMetricAlarm.Select(a => new NamedJson("PutMetricAlarm", a.AlarmName, LoadLabJson.Serialize(a))));
        list.AddRange(r.PutScheduledAction.Select(s => new NamedJson("PutScheduledAction", s.ScheduledActionName, LoadLabJson.Serialize(s))));
        return list;
    }

    /// <summary>
    /// A bash script of AWS CLI calls. A step policy's ARN is captured into a shell variable and spliced into its
    /// alarm's AlarmActions, replacing the "policy-arn:NAME" placeholder.
    /// </summary>
    public static string AwsCli(RecommendationFile r, string? region)
    {
        var sb = new StringBuilder();
        string reg = string.IsNullOrEmpty(region) ? "" : " --region " + ShellQuote(region);
        sb.Append("# Apply with the AWS CLI (bash). Needs application-autoscaling:* and cloudwatch:PutMetricAlarm.\n");
        sb.Append("set -euo pipefail\n");
        sb.Append($"aws application-autoscaling register-scalable-target{reg} --cli-input-json {ShellQuote(JsonSerializer.Serialize(r.RegisterScalableTarget, Compact))}\n");
        var arnVars = new Dictionary<string, string>();
        foreach (var p in r.PutScalingPolicy)
        {
            var json = ShellQuote(JsonSerializer.Serialize(p, Compact));
            bool referenced = r.PutMetricAlarm.Any(a => a.AlarmActions?.Contains(RecommendationFile.PolicyArnPlaceholderPrefix + p.PolicyName) == true);
            if (referenced)
            {
                var v = "POLICY_ARN_" + Identifier(p.PolicyName).ToUpperInvariant();
                arnVars[RecommendationFile.PolicyArnPlaceholderPrefix + p.PolicyName] = v;
                sb.Append($"{v}=$(aws application-autoscaling put-scaling-policy{reg} --cli-input-json {json} --query PolicyARN --output text)\n");
            }
            else sb.Append($"aws application-autoscaling put-scaling-policy{reg} --cli-input-json {json}\n");
        }
        foreach (var a in r.PutMetricAlarm)
        {
            var json = ShellQuote(JsonSerializer.Serialize(a, Compact));
            // Inside single quotes nothing expands: close the quote, splice the variable, reopen.
            foreach (var (placeholder, v) in arnVars)
                json = json.Replace(JsonSerializer.Serialize(placeholder, Compact), "\"'\"$" + v + "\"'\"");
            sb.Append($"aws cloudwatch put-metric-alarm{reg} --cli-input-json {json}\n");
        }
        foreach (var s in r.PutScheduledAction)
            sb.Append($"aws application-autoscaling put-scheduled-action{reg} --cli-input-json {ShellQuote(JsonSerializer.Serialize(s, Compact))}\n");
        return sb.ToString();
    }

    /// <summary>A CloudFormation template (YAML) with the scalable target, its scheduled actions, the policies and the alarms.</summary>
    public static string CloudFormation(RecommendationFile r)
    {
        var y = new Yaml();
        var t = r.RegisterScalableTarget;
        y.Line(0, "AWSTemplateFormatVersion: \"2010-09-09\"");
        y.Line(0, "Description: " + Yaml.Quote($"LoadLab recommendation for {r.Endpoint}/{r.Variant}"));
        y.Line(0, "Resources:");
        y.Line(1, "ScalableTarget:");
        y.Line(2, "Type: AWS::ApplicationAutoScaling::ScalableTarget");
        y.Line(2, "Properties:");
        y.Kv(3, "ServiceNamespace", t.ServiceNamespace);
        y.Kv(3, "ResourceId", t.ResourceId);
        y.Kv(3, "ScalableDimension", t.ScalableDimension);
        y.Kv(3, "MinCapacity", t.MinCapacity);
        y.Kv(3, "MaxCapacity", t.MaxCapacity);
        y.Kv(3, "RoleARN", t.RoleARN);
        if (t.SuspendedState is { } ss)
        {
            y.Line(3, "SuspendedState:");
            y.Kv(4, "DynamicScalingInSuspended", ss.DynamicScalingInSuspended);
            y.Kv(4, "DynamicScalingOutSuspended", ss.DynamicScalingOutSuspended);
            y.Kv(4, "ScheduledScalingSuspended", ss.ScheduledScalingSuspended);
        }
        if (r.PutScheduledAction.Count > 0)
        {
            y.Line(3, "ScheduledActions:");
            foreach (var s in r.PutScheduledAction)
            {
                y.Line(4, "- ScheduledActionName: " + Yaml.Quote(s.ScheduledActionName));
                y.Kv(5, "Schedule", s.Schedule);
                y.Kv(5, "Timezone", s.Timezone);
                y.Kv(5, "StartTime", s.StartTime?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", C));
                y.Kv(5, "EndTime", s.EndTime?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", C));
                if (s.ScalableTargetAction is { } a)
                {
                    y.Line(5, "ScalableTargetAction:");
                    y.Kv(6, "MinCapacity", a.MinCapacity);
                    y.Kv(6, "MaxCapacity", a.MaxCapacity);
                }
            }
        }
        var logical = new Dictionary<string, string>();
        foreach (var p in r.PutScalingPolicy)
        {
            var id = "Policy" + Pascal(p.PolicyName);
            logical[p.PolicyName] = id;
            y.Line(1, id + ":");
            y.Line(2, "Type: AWS::ApplicationAutoScaling::ScalingPolicy");
            y.Line(2, "Properties:");
            y.Kv(3, "PolicyName", p.PolicyName);
            y.Kv(3, "PolicyType", p.PolicyType);
            y.Line(3, "ScalingTargetId: !Ref ScalableTarget");
            if (p.TargetTrackingScalingPolicyConfiguration is { } tt)
            {
                y.Line(3, "TargetTrackingScalingPolicyConfiguration:");
                y.Kv(4, "TargetValue", tt.TargetValue);
                y.Kv(4, "ScaleOutCooldown", tt.ScaleOutCooldown);
                y.Kv(4, "ScaleInCooldown", tt.ScaleInCooldown);
                y.Kv(4, "DisableScaleIn", tt.DisableScaleIn);
                if (tt.PredefinedMetricSpecification is { } pm)
                {
                    y.Line(4, "PredefinedMetricSpecification:");
                    y.Kv(5, "PredefinedMetricType", pm.PredefinedMetricType);
                    y.Kv(5, "ResourceLabel", pm.ResourceLabel);
                }
                if (tt.CustomizedMetricSpecification is { } cm)
                {
                    y.Line(4, "CustomizedMetricSpecification:");
                    y.Kv(5, "MetricName", cm.MetricName);
                    y.Kv(5, "Namespace", cm.Namespace);
                    y.Kv(5, "Statistic", cm.Statistic);
                    y.Kv(5, "Unit", cm.Unit);
                    Dimensions(y, 5, cm.Dimensions);
                }
            }
            if (p.StepScalingPolicyConfiguration is { } st)
            {
                y.Line(3, "StepScalingPolicyConfiguration:");
                y.Kv(4, "AdjustmentType", st.AdjustmentType);
                y.Kv(4, "Cooldown", st.Cooldown);
                y.Kv(4, "MetricAggregationType", st.MetricAggregationType);
                y.Kv(4, "MinAdjustmentMagnitude", st.MinAdjustmentMagnitude);
                if (st.StepAdjustments is { Count: > 0 } adj)
                {
                    y.Line(4, "StepAdjustments:");
                    foreach (var a in adj)
                    {
                        y.Line(5, "- ScalingAdjustment: " + a.ScalingAdjustment.ToString(C));
                        y.Kv(6, "MetricIntervalLowerBound", a.MetricIntervalLowerBound);
                        y.Kv(6, "MetricIntervalUpperBound", a.MetricIntervalUpperBound);
                    }
                }
            }
        }
        foreach (var a in r.PutMetricAlarm)
        {
            y.Line(1, "Alarm" + Pascal(a.AlarmName) + ":");
            y.Line(2, "Type: AWS::CloudWatch::Alarm");
            y.Line(2, "Properties:");
            y.Kv(3, "AlarmName", a.AlarmName);
            y.Kv(3, "AlarmDescription", a.AlarmDescription);
            y.Kv(3, "ActionsEnabled", a.ActionsEnabled);
            y.Kv(3, "Namespace", a.Namespace);
            y.Kv(3, "MetricName", a.MetricName);
            y.Kv(3, "Statistic", a.Statistic);
            y.Kv(3, "ExtendedStatistic", a.ExtendedStatistic);
            y.Kv(3, "Unit", a.Unit);
            Dimensions(y, 3, a.Dimensions);
            y.Kv(3, "Period", a.Period);
            y.Kv(3, "EvaluationPeriods", a.EvaluationPeriods);
            y.Kv(3, "DatapointsToAlarm", a.DatapointsToAlarm);
            y.Kv(3, "Threshold", a.Threshold);
            y.Kv(3, "ComparisonOperator", a.ComparisonOperator);
            y.Kv(3, "TreatMissingData", a.TreatMissingData);
            Actions(y, "AlarmActions", a.AlarmActions);
            Actions(y, "OKActions", a.OKActions);
        }
        return y.ToString();

        void Actions(Yaml y, string key, IReadOnlyList<string>? actions)
        {
            if (actions is not { Count: > 0 }) return;
            y.Line(3, key + ":");
            foreach (var act in actions)
            {
                // Ref of a ScalingPolicy is its ARN.
                if (act.StartsWith(RecommendationFile.PolicyArnPlaceholderPrefix, StringComparison.Ordinal)
                    && logical.TryGetValue(act[RecommendationFile.PolicyArnPlaceholderPrefix.Length..], out var id))
                    y.Line(4, "- !Ref " + id);
                else y.Line(4, "- " + Yaml.Quote(act));
            }
        }
    }

    private static void Dimensions(Yaml y, int indent, IReadOnlyList<MetricDimension>? dims)
    {
        if (dims is not { Count: > 0 }) return;
        y.Line(indent, "Dimensions:");
        foreach (var d in dims)
        {
            y.Line(indent + 1, "- Name: " + Yaml.Quote(d.Name));
            y.Kv(indent + 2, "Value", d.Value);
        }
    }

    /// <summary>Terraform (AWS provider) resources for the same requests.</summary>
    public static string Terraform(RecommendationFile r)
    {
        var sb = new StringBuilder();
        var t = r.RegisterScalableTarget;
        sb.Append("resource \"aws_appautoscaling_target\" \"variant\" {\n");
        Hcl(sb, 1, "service_namespace", t.ServiceNamespace);
        Hcl(sb, 1, "resource_id", t.ResourceId);
        Hcl(sb, 1, "scalable_dimension", t.ScalableDimension);
        HclNum(sb, 1, "min_capacity", t.MinCapacity);
        HclNum(sb, 1, "max_capacity", t.MaxCapacity);
        Hcl(sb, 1, "role_arn", t.RoleARN);
        sb.Append("}\n");
        const string Ref = "aws_appautoscaling_target.variant";
        var ids = new Dictionary<string, string>();
        foreach (var p in r.PutScalingPolicy)
        {
            var id = Identifier(p.PolicyName);
            ids[p.PolicyName] = id;
            sb.Append($"\nresource \"aws_appautoscaling_policy\" \"{id}\" {{\n");
            Hcl(sb, 1, "name", p.PolicyName);
            Hcl(sb, 1, "policy_type", p.PolicyType);
            Raw(sb, 1, "resource_id", Ref + ".resource_id");
            Raw(sb, 1, "scalable_dimension", Ref + ".scalable_dimension");
            Raw(sb, 1, "service_namespace", Ref + ".service_namespace");
            if (p.TargetTrackingScalingPolicyConfiguration is { } tt)
            {
                sb.Append("\n  target_tracking_scaling_policy_configuration {\n");
                HclNum(sb, 2, "target_value", tt.TargetValue);
                HclNum(sb, 2, "scale_out_cooldown", tt.ScaleOutCooldown);
                HclNum(sb, 2, "scale_in_cooldown", tt.ScaleInCooldown);
                if (tt.DisableScaleIn is { } dsi) Raw(sb, 2, "disable_scale_in", dsi ? "true" : "false");
                if (tt.PredefinedMetricSpecification is { } pm)
                {
                    sb.Append("\n    predefined_metric_specification {\n");
                    Hcl(sb, 3, "predefined_metric_type", pm.PredefinedMetricType);
                    Hcl(sb, 3, "resource_label", pm.ResourceLabel);
                    sb.Append("    }\n");
                }
                if (tt.CustomizedMetricSpecification is { } cm)
                {
                    sb.Append("\n    customized_metric_specification {\n");
                    Hcl(sb, 3, "metric_name", cm.MetricName);
                    Hcl(sb, 3, "namespace", cm.Namespace);
                    Hcl(sb, 3, "statistic", cm.Statistic);
                    Hcl(sb, 3, "unit", cm.Unit);
                    foreach (var d in cm.Dimensions ?? [])
                    {
                        sb.Append("      dimensions {\n");
                        Hcl(sb, 4, "name", d.Name);
                        Hcl(sb, 4, "value", d.Value);
                        sb.Append("      }\n");
                    }
                    sb.Append("    }\n");
                }
                sb.Append("  }\n");
            }
            if (p.StepScalingPolicyConfiguration is { } st)
            {
                sb.Append("\n  step_scaling_policy_configuration {\n");
                Hcl(sb, 2, "adjustment_type", st.AdjustmentType);
                HclNum(sb, 2, "cooldown", st.Cooldown);
                Hcl(sb, 2, "metric_aggregation_type", st.MetricAggregationType);
                HclNum(sb, 2, "min_adjustment_magnitude", st.MinAdjustmentMagnitude);
                foreach (var a in st.StepAdjustments ?? [])
                {
                    sb.Append("\n    step_adjustment {\n");
                    // The provider takes the bounds as strings (so that 0 and "unset" differ).
                    Hcl(sb, 3, "metric_interval_lower_bound", a.MetricIntervalLowerBound?.ToString(C));
                    Hcl(sb, 3, "metric_interval_upper_bound", a.MetricIntervalUpperBound?.ToString(C));
                    HclNum(sb, 3, "scaling_adjustment", a.ScalingAdjustment);
                    sb.Append("    }\n");
                }
                sb.Append("  }\n");
            }
            sb.Append("}\n");
        }
        foreach (var s in r.PutScheduledAction)
        {
            sb.Append($"\nresource \"aws_appautoscaling_scheduled_action\" \"{Identifier(s.ScheduledActionName)}\" {{\n");
            Hcl(sb, 1, "name", s.ScheduledActionName);
            Raw(sb, 1, "service_namespace", Ref + ".service_namespace");
            Raw(sb, 1, "resource_id", Ref + ".resource_id");
            Raw(sb, 1, "scalable_dimension", Ref + ".scalable_dimension");
            Hcl(sb, 1, "schedule", s.Schedule);
            Hcl(sb, 1, "timezone", s.Timezone);
            Hcl(sb, 1, "start_time", s.StartTime?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", C));
            Hcl(sb, 1, "end_time", s.EndTime?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", C));
            if (s.ScalableTargetAction is { } a)
            {
                sb.Append("\n  scalable_target_action {\n");
                HclNum(sb, 2, "min_capacity", a.MinCapacity);
                HclNum(sb, 2, "max_capacity", a.MaxCapacity);
                sb.Append("  }\n");
            }
            sb.Append("}\n");
        }
        foreach (var a in r.PutMetricAlarm)
        {
            sb.Append($"\nresource \"aws_cloudwatch_metric_alarm\" \"{Identifier(a.AlarmName)}\" {{\n");
            Hcl(sb, 1, "alarm_name", a.AlarmName);
            Hcl(sb, 1, "alarm_description", a.AlarmDescription);
            Hcl(sb, 1, "comparison_operator", a.ComparisonOperator);
            HclNum(sb, 1, "evaluation_periods", a.EvaluationPeriods);
            HclNum(sb, 1, "datapoints_to_alarm", a.DatapointsToAlarm);
            Hcl(sb, 1, "namespace", a.Namespace);
            Hcl(sb, 1, "metric_name", a.MetricName);
            Hcl(sb, 1, "statistic", a.Statistic);
            Hcl(sb, 1, "extended_statistic", a.ExtendedStatistic);
            Hcl(sb, 1, "unit", a.Unit);
            HclNum(sb, 1, "period", a.Period);
            HclNum(sb, 1, "threshold", a.Threshold);
            Hcl(sb, 1, "treat_missing_data", a.TreatMissingData);
            if (a.Dimensions is { Count: > 0 } dims)
            {
                sb.Append("  dimensions = {\n");
                foreach (var d in dims) sb.Append($"    {HclString(d.Name)} = {HclString(d.Value)}\n");
                sb.Append("  }\n");
            }
            if (a.AlarmActions is { Count: > 0 } acts)
            {
                var items = acts.Select(x =>
                    x.StartsWith(RecommendationFile.PolicyArnPlaceholderPrefix, StringComparison.Ordinal)
                    && ids.TryGetValue(x[RecommendationFile.PolicyArnPlaceholderPrefix.Length..], out var pid)
                        ? $"aws_appautoscaling_policy.{pid}.arn" : HclString(x));
                Raw(sb, 1, "alarm_actions", "[" + string.Join(", ", items) + "]");
            }
            sb.Append("}\n");
        }
        return sb.ToString();
    }

    /// <summary>POSIX shell single-quoting: 'it'"'"'s'.</summary>
    public static string ShellQuote(string s) => "'" + s.Replace("'", "'\"'\"'") + "'";

    /// <summary>A Terraform / shell identifier: letters, digits and '_', starting with a letter.</summary>
    public static string Identifier(string name)
    {
        var sb = new StringBuilder();
        foreach (var c in name) sb.Append(char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_');
        var s = sb.ToString().Trim('_');
        if (s.Length == 0 || !char.IsAsciiLetter(s[0])) s = "r_" + s;
        return s;
    }

    private static string Pascal(string name)
    {
        var sb = new StringBuilder();
        bool up = true;
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c)) { up = true; continue; }
            sb.Append(up ? char.ToUpperInvariant(c) : c);
            up = false;
        }
        return sb.Length == 0 ? "X" : sb.ToString();
    }

    private static string HclString(string s) =>
        JsonSerializer.Serialize(s, Compact).Replace("${", "$${").Replace("%{", "%%{");

    private static void Hcl(StringBuilder sb, int indent, string key, string? value)
    {
        if (value is null) return;
        sb.Append(new string(' ', indent * 2)).Append(key).Append(" = ").Append(HclString(value)).Append('\n');
    }

    private static void HclNum(StringBuilder sb, int indent, string key, double? value)
    {
        if (value is not { } v) return;
        sb.Append(new string(' ', indent * 2)).Append(key).Append(" = ").Append(v.ToString("R", C)).Append('\n');
    }

    private static void Raw(StringBuilder sb, int indent, string key, string expression) =>
        sb.Append(new string(' ', indent * 2)).Append(key).Append(" = ").Append(expression).Append('\n');

    /// <summary>Just enough YAML: every string double-quoted (JSON escaping is valid YAML), numbers invariant.</summary>
    private sealed class Yaml
    {
        private readonly StringBuilder _sb = new();
        public void Line(int indent, string text) => _sb.Append(new string(' ', indent * 2)).Append(text).Append('\n');
        public void Kv(int indent, string key, string? value) { if (value is not null) Line(indent, $"{key}: {Quote(value)}"); }
        public void Kv(int indent, string key, double? value) { if (value is { } v) Line(indent, $"{key}: {v.ToString("R", C)}"); }
        public void Kv(int indent, string key, bool? value) { if (value is { } v) Line(indent, $"{key}: {(v ? "true" : "false")}"); }
        public static string Quote(string s) => JsonSerializer.Serialize(s, Compact);
        public override string ToString() => _sb.ToString();
    }
}
