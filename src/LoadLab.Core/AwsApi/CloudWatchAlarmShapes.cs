using System.Text.Json.Serialization;

// CloudWatch PutMetricAlarm, as in the AWS API (service model "monitoring" 2010-08-01). It lives in Core because
// a step-scaling recommendation carries the alarm it needs.
namespace LoadLab.Core.AwsApi;

public sealed record PutMetricAlarmRequest
{
    [JsonPropertyName("AlarmName")] public required string AlarmName { get; init; }
    [JsonPropertyName("AlarmDescription")] public string? AlarmDescription { get; init; }
    [JsonPropertyName("ActionsEnabled")] public bool? ActionsEnabled { get; init; }
    /// <summary>The step policy's ARN goes here; in recommendation.json it is a placeholder the applier fills.</summary>
    [JsonPropertyName("AlarmActions")] public IReadOnlyList<string>? AlarmActions { get; init; }
    [JsonPropertyName("OKActions")] public IReadOnlyList<string>? OKActions { get; init; }
    [JsonPropertyName("MetricName")] public string? MetricName { get; init; }
    [JsonPropertyName("Namespace")] public string? Namespace { get; init; }
    [JsonPropertyName("Statistic")] public string? Statistic { get; init; }
    [JsonPropertyName("ExtendedStatistic")] public string? ExtendedStatistic { get; init; }
    [JsonPropertyName("Dimensions")] public IReadOnlyList<MetricDimension>? Dimensions { get; init; }
    [JsonPropertyName("Period")] public int? Period { get; init; }
    [JsonPropertyName("Unit")] public string? Unit { get; init; }
    [JsonPropertyName("EvaluationPeriods")] public required int EvaluationPeriods { get; init; }
    [JsonPropertyName("DatapointsToAlarm")] public int? DatapointsToAlarm { get; init; }
    [JsonPropertyName("Threshold")] public double? Threshold { get; init; }
    /// <summary>GreaterThanOrEqualToThreshold | GreaterThanThreshold | LessThanThreshold | LessThanOrEqualToThreshold.</summary>
    [JsonPropertyName("ComparisonOperator")] public required string ComparisonOperator { get; init; }
    /// <summary>breaching | notBreaching | ignore | missing.</summary>
    [JsonPropertyName("TreatMissingData")] public string? TreatMissingData { get; init; }
}
