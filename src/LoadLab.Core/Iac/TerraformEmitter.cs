using System.Globalization;
using System.Text;
using System.Text.Json;
using LoadLab.Core.AwsApi;

namespace LoadLab.Core.Iac;

/// <summary>
/// Terraform (AWS provider) resources: aws_appautoscaling_target, aws_appautoscaling_policy,
/// aws_cloudwatch_metric_alarm (alarm and OK actions reference the policy's arn) and
/// aws_appautoscaling_scheduled_action, with "=" aligned as `terraform fmt` writes it.
/// </summary>
public static class TerraformEmitter
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;
    /// <summary>The target's resource name. Kept stable: renaming it would make Terraform replace the target.</summary>
    public const string TargetName = "loadlab";

    public static string Emit(IacRequests c, IacOptions? options = null)
    {
        var o = options ?? IacOptions.Default;
        var sb = new StringBuilder();
        sb.Append($"# Autoscaling for {c.ResourceId}, written by {o.Generator}\n\n");
        var policyNames = c.Policies.Select(p => p.PolicyName).ToHashSet(StringComparer.Ordinal);
        var hasTarget = c.Target is not null;
        string Ref(string attr, string literal) => hasTarget ? $"aws_appautoscaling_target.{TargetName}.{attr}" : Str(literal);

        if (c.Target is { } t)
        {
            sb.Append($"resource \"aws_appautoscaling_target\" \"{TargetName}\" {{\n");
            Attr(sb, 1, "service_namespace", Str(t.ServiceNamespace));
            Attr(sb, 1, "resource_id", Str(t.ResourceId));
            Attr(sb, 1, "scalable_dimension", Str(t.ScalableDimension));
            Attr(sb, 1, "min_capacity", Num(t.MinCapacity));
            Attr(sb, 1, "max_capacity", Num(t.MaxCapacity));
            Attr(sb, 1, "role_arn", t.RoleARN is null ? null : Str(t.RoleARN));
            if (t.SuspendedState is { } ss)
            {
                sb.Append("  suspended_state {\n");
                Attr(sb, 2, "dynamic_scaling_in_suspended", Bool(ss.DynamicScalingInSuspended));
                Attr(sb, 2, "dynamic_scaling_out_suspended", Bool(ss.DynamicScalingOutSuspended));
                Attr(sb, 2, "scheduled_scaling_suspended", Bool(ss.ScheduledScalingSuspended));
                sb.Append("  }\n");
            }
            sb.Append("}\n\n");
        }

        foreach (var p in c.Policies)
        {
            sb.Append($"resource \"aws_appautoscaling_policy\" \"{IacNames.Identifier(p.PolicyName)}\" {{\n");
            Attr(sb, 1, "name", Str(p.PolicyName));
            Attr(sb, 1, "policy_type", Str(p.PolicyType));
            Attr(sb, 1, "service_namespace", Ref("service_namespace", p.ServiceNamespace));
            Attr(sb, 1, "resource_id", Ref("resource_id", p.ResourceId));
            Attr(sb, 1, "scalable_dimension", Ref("scalable_dimension", p.ScalableDimension));
            if (p.TargetTrackingScalingPolicyConfiguration is { } tt)
            {
                sb.Append("\n  target_tracking_scaling_policy_configuration {\n");
                Attr(sb, 2, "target_value", Num(tt.TargetValue));
                Attr(sb, 2, "scale_in_cooldown", Num(tt.ScaleInCooldown));
                Attr(sb, 2, "scale_out_cooldown", Num(tt.ScaleOutCooldown));
                Attr(sb, 2, "disable_scale_in", Bool(tt.DisableScaleIn));
                if (tt.PredefinedMetricSpecification is { } pm)
                {
                    sb.Append("\n    predefined_metric_specification {\n");
                    Attr(sb, 3, "predefined_metric_type", Str(pm.PredefinedMetricType));
                    Attr(sb, 3, "resource_label", pm.ResourceLabel is null ? null : Str(pm.ResourceLabel));
                    sb.Append("    }\n");
                }
                if (tt.CustomizedMetricSpecification is { } cm)
                {
                    sb.Append("\n    customized_metric_specification {\n");
                    Attr(sb, 3, "metric_name", cm.MetricName is null ? null : Str(cm.MetricName));
                    Attr(sb, 3, "namespace", cm.Namespace is null ? null : Str(cm.Namespace));
                    Attr(sb, 3, "statistic", cm.Statistic is null ? null : Str(cm.Statistic));
                    Attr(sb, 3, "unit", cm.Unit is null ? null : Str(cm.Unit));
                    foreach (var d in cm.Dimensions ?? [])
                    {
                        sb.Append("      dimensions {\n");
                        Attr(sb, 4, "name", Str(d.Name));
                        Attr(sb, 4, "value", Str(d.Value));
                        sb.Append("      }\n");
                    }
                    sb.Append("    }\n");
                }
                sb.Append("  }\n");
            }
            if (p.StepScalingPolicyConfiguration is { } st)
            {
                sb.Append("\n  step_scaling_policy_configuration {\n");
                Attr(sb, 2, "adjustment_type", st.AdjustmentType is null ? null : Str(st.AdjustmentType));
                Attr(sb, 2, "cooldown", Num(st.Cooldown));
                Attr(sb, 2, "metric_aggregation_type", st.MetricAggregationType is null ? null : Str(st.MetricAggregationType));
                Attr(sb, 2, "min_adjustment_magnitude", Num(st.MinAdjustmentMagnitude));
                foreach (var s in st.StepAdjustments ?? [])
                {
                    sb.Append("\n    step_adjustment {\n");
                    // The provider takes the bounds as strings, so that 0 and "unset" differ.
                    Attr(sb, 3, "metric_interval_lower_bound", Num(s.MetricIntervalLowerBound) is { } lo ? Str(lo) : null);
                    Attr(sb, 3, "metric_interval_upper_bound", Num(s.MetricIntervalUpperBound) is { } hi ? Str(hi) : null);
                    Attr(sb, 3, "scaling_adjustment", Num(s.ScalingAdjustment));
                    sb.Append("    }\n");
                }
                sb.Append("  }\n");
            }
            sb.Append("}\n\n");
        }

        foreach (var a in c.Alarms) AppendAlarm(sb, a, policyNames);

        foreach (var s in c.ScheduledActions)
        {
            sb.Append($"resource \"aws_appautoscaling_scheduled_action\" \"{IacNames.Identifier(s.ScheduledActionName)}\" {{\n");
            Attr(sb, 1, "name", Str(s.ScheduledActionName));
            Attr(sb, 1, "service_namespace", Ref("service_namespace", s.ServiceNamespace));
            Attr(sb, 1, "resource_id", Ref("resource_id", s.ResourceId));
            Attr(sb, 1, "scalable_dimension", Ref("scalable_dimension", s.ScalableDimension));
            Attr(sb, 1, "schedule", Str(s.Schedule));
            Attr(sb, 1, "timezone", s.Timezone is null ? null : Str(s.Timezone));
            Attr(sb, 1, "start_time", s.StartTime is { } st ? Str(st.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", C)) : null);
            Attr(sb, 1, "end_time", s.EndTime is { } et ? Str(et.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", C)) : null);
            if (s.ScalableTargetAction is { } ta)
            {
                sb.Append("\n  scalable_target_action {\n");
                Attr(sb, 2, "min_capacity", Num(ta.MinCapacity));
                Attr(sb, 2, "max_capacity", Num(ta.MaxCapacity));
                sb.Append("  }\n");
            }
            sb.Append("}\n\n");
        }
        return Align(sb.ToString().TrimEnd('\n') + "\n");
    }

    /// <summary>Aligns the "=" of consecutive attribute lines at one indentation, as `terraform fmt` does.</summary>
    public static string Align(string hcl)
    {
        var lines = hcl.Split('\n');
        static (int Indent, int NameEnd)? Attr(string line)
        {
            var indent = line.Length - line.TrimStart(' ').Length;
            var eq = line.IndexOf(" = ", StringComparison.Ordinal);
            if (eq <= indent || line.AsSpan(indent, eq - indent).ContainsAny(" {")) return null;
            return (indent, eq);
        }
        for (var i = 0; i < lines.Length;)
        {
            if (Attr(lines[i]) is not { } first) { i++; continue; }
            var j = i;
            var width = 0;
            while (j < lines.Length && Attr(lines[j]) is { } a && a.Indent == first.Indent) { width = Math.Max(width, a.NameEnd); j++; }
            for (var k = i; k < j; k++)
            {
                var eq = Attr(lines[k])!.Value.NameEnd;
                lines[k] = lines[k][..eq].PadRight(width) + lines[k][eq..];
            }
            i = j;
        }
        return string.Join('\n', lines);
    }

    private static void AppendAlarm(StringBuilder sb, PutMetricAlarmRequest a, IReadOnlySet<string> policyNames)
    {
        sb.Append($"resource \"aws_cloudwatch_metric_alarm\" \"{IacNames.Identifier(a.AlarmName)}\" {{\n");
        Attr(sb, 1, "alarm_name", Str(a.AlarmName));
        Attr(sb, 1, "alarm_description", a.AlarmDescription is null ? null : Str(a.AlarmDescription));
        Attr(sb, 1, "namespace", a.Namespace is null ? null : Str(a.Namespace));
        Attr(sb, 1, "metric_name", a.MetricName is null ? null : Str(a.MetricName));
        Attr(sb, 1, "statistic", a.Statistic is null ? null : Str(a.Statistic));
        Attr(sb, 1, "extended_statistic", a.ExtendedStatistic is null ? null : Str(a.ExtendedStatistic));
        Attr(sb, 1, "unit", a.Unit is null ? null : Str(a.Unit));
        Attr(sb, 1, "period", Num(a.Period));
        Attr(sb, 1, "evaluation_periods", Num(a.EvaluationPeriods));
        Attr(sb, 1, "datapoints_to_alarm", Num(a.DatapointsToAlarm));
        Attr(sb, 1, "threshold", Num(a.Threshold));
        Attr(sb, 1, "comparison_operator", Str(a.ComparisonOperator));
        Attr(sb, 1, "treat_missing_data", a.TreatMissingData is null ? null : Str(a.TreatMissingData));
        Attr(sb, 1, "actions_enabled", Bool(a.ActionsEnabled));
        if (a.Dimensions is { Count: > 0 } dims)
        {
            sb.Append("  dimensions = {\n");
            foreach (var d in dims) sb.Append($"    {Str(d.Name)} = {Str(d.Value)}\n");
            sb.Append("  }\n");
        }
        if (a.AlarmActions is { } actions) Attr(sb, 1, "alarm_actions", Actions(actions));
        if (a.OKActions is { } ok) Attr(sb, 1, "ok_actions", Actions(ok));
        sb.Append("}\n\n");

        string Actions(IEnumerable<string> list) => "[" + string.Join(", ", list.Select(x => IacNames.PlaceholderPolicy(x) is { } n && policyNames.Contains(n)
            ? $"aws_appautoscaling_policy.{IacNames.Identifier(n)}.arn" : Str(x))) + "]";
    }

    private static void Attr(StringBuilder sb, int depth, string name, string? value)
    {
        if (value is null) return;
        sb.Append(new string(' ', depth * 2)).Append(name).Append(" = ").Append(value).Append('\n');
    }

    /// <summary>An HCL string: JSON escaping plus "${" and "%{" escaped so values are never interpolated.</summary>
    public static string Str(string s) =>
        JsonSerializer.Serialize(s).Replace("${", "$${", StringComparison.Ordinal).Replace("%{", "%%{", StringComparison.Ordinal);

    private static string? Num(double? v) => v?.ToString("R", C);
    private static string? Num(int? v) => v?.ToString(C);
    private static string? Bool(bool? v) => v is null ? null : v.Value ? "true" : "false";
}
