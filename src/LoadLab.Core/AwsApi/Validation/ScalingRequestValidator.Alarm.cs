using System.Text.RegularExpressions;
using LoadLab.Core.RunFiles;

namespace LoadLab.Core.AwsApi.Validation;

/// <summary>PutMetricAlarm: the metric, statistic, dimensions, periods and actions.</summary>
public static partial class ScalingRequestValidator
{
    private static void CheckAlarm(Collector c, PutMetricAlarmRequest r, string path)
    {
        CheckPrintableName(c, $"{path}.AlarmName", r.AlarmName, AwsScalingLimits.MaxAlarmNameLength);
        if (r.AlarmDescription is { Length: > 1024 }) c.Add($"{path}.AlarmDescription", "is longer than 1024 characters");
        if (string.IsNullOrEmpty(r.MetricName)) c.Add($"{path}.MetricName", "is required");
        else if (r.MetricName.Length > 255) c.Add($"{path}.MetricName", "is longer than 255 characters");
        if (string.IsNullOrEmpty(r.Namespace)) c.Add($"{path}.Namespace", "is required");
        else if (r.Namespace.Length > 255 || r.Namespace.StartsWith(':')) c.Add($"{path}.Namespace", $"'{r.Namespace}' is not a valid namespace (1..255 characters, not starting with ':')");
        var hasStat = !string.IsNullOrEmpty(r.Statistic);
        var hasExt = !string.IsNullOrEmpty(r.ExtendedStatistic);
        if (hasStat == hasExt) c.Add(path, "needs exactly one of Statistic and ExtendedStatistic");
        if (hasStat && !AwsScalingLimits.MetricStatistics.Contains(r.Statistic!))
            c.Add($"{path}.Statistic", $"must be one of {string.Join(", ", AwsScalingLimits.MetricStatistics)}, got '{r.Statistic}' (percentiles go in ExtendedStatistic)");
        if (hasExt && !ExtendedStatisticRegex().IsMatch(r.ExtendedStatistic!))
            c.Add($"{path}.ExtendedStatistic", $"'{r.ExtendedStatistic}' is not a CloudWatch extended statistic (e.g. p90, p99.9, tm90)");
        CheckDimensions(c, $"{path}.Dimensions", r.Dimensions);

        if (r.Period is null) c.Add($"{path}.Period", "is required for a static-threshold alarm");
        else if (r.Period is not (10 or 20 or 30) && (r.Period <= 0 || r.Period % 60 != 0))
            c.Add($"{path}.Period", $"must be 10, 20, 30 or a multiple of 60 seconds, got {r.Period}");
        if (r.EvaluationPeriods < 1) c.Add($"{path}.EvaluationPeriods", $"must be at least 1, got {r.EvaluationPeriods}");
        if (r.DatapointsToAlarm is { } m && (m < 1 || m > r.EvaluationPeriods))
            c.Add($"{path}.DatapointsToAlarm", $"must be between 1 and EvaluationPeriods ({r.EvaluationPeriods}), got {m}");
        if (r.Period is > 0 and var period && r.EvaluationPeriods >= 1)
        {
            var total = (long)period * r.EvaluationPeriods;
            var cap = period < 3600 ? AwsScalingLimits.MaxEvaluationSecondsShortPeriod : AwsScalingLimits.MaxEvaluationSecondsLongPeriod;
            if (total > cap)
                c.Add($"{path}.EvaluationPeriods", $"Period × EvaluationPeriods = {total} s exceeds AWS's limit of {cap} s for this period");
        }
        if (r.Threshold is null) c.Add($"{path}.Threshold", "is required for a static-threshold alarm");
        else if (!double.IsFinite(r.Threshold.Value)) c.Add($"{path}.Threshold", "must be a finite number");
        if (!AwsScalingLimits.StaticComparisonOperators.Contains(r.ComparisonOperator))
            c.Add($"{path}.ComparisonOperator", $"must be one of {string.Join(", ", AwsScalingLimits.StaticComparisonOperators)}, got '{r.ComparisonOperator}'");
        if (r.TreatMissingData is { } tmd && !AwsScalingLimits.TreatMissingDataValues.Contains(tmd))
            c.Add($"{path}.TreatMissingData", $"must be breaching, notBreaching, ignore or missing, got '{tmd}'");
        CheckActions(c, $"{path}.AlarmActions", r.AlarmActions);
        CheckActions(c, $"{path}.OKActions", r.OKActions);
    }

    private static void CheckDimensions(Collector c, string path, IReadOnlyList<MetricDimension>? dims)
    {
        if (dims is null) return;
        if (dims.Count > AwsScalingLimits.MaxDimensions) c.Add(path, $"has {dims.Count} dimensions; AWS allows at most {AwsScalingLimits.MaxDimensions}");
        for (var i = 0; i < dims.Count; i++)
        {
            if (string.IsNullOrEmpty(dims[i].Name) || dims[i].Name.Length > 255) c.Add($"{path}[{i}].Name", "must be 1..255 characters");
            if (string.IsNullOrEmpty(dims[i].Value) || dims[i].Value.Length > 1024) c.Add($"{path}[{i}].Value", "must be 1..1024 characters");
        }
    }

    private static void CheckActions(Collector c, string path, IReadOnlyList<string>? actions)
    {
        if (actions is null) return;
        if (actions.Count > AwsScalingLimits.MaxAlarmActions) c.Add(path, $"has {actions.Count} actions; AWS allows at most {AwsScalingLimits.MaxAlarmActions}");
        for (var i = 0; i < actions.Count; i++)
            if (!actions[i].StartsWith("arn:", StringComparison.Ordinal) && !actions[i].StartsWith(RecommendationFile.PolicyArnPlaceholderPrefix, StringComparison.Ordinal))
                c.Add($"{path}[{i}]", $"'{actions[i]}' is neither an ARN nor a \"{RecommendationFile.PolicyArnPlaceholderPrefix}NAME\" placeholder");
    }

    [GeneratedRegex(@"^(p\d{1,2}(\.\d+)?|p100|(tm|tc|ts|wm)\d{1,2}(\.\d+)?|IQM|(PR|TC|TM|TS|WM)\(\d*(\.\d+)?%?:\d*(\.\d+)?%?\))$")]
    private static partial Regex ExtendedStatisticRegex();
}
