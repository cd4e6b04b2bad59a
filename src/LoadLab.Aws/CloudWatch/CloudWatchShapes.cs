using LoadLab.Core.AwsApi;

// CloudWatch shapes as in the AWS API (service model "monitoring" 2010-08-01), C# member names = wire names.
// Dimensions reuse Core's MetricDimension (CloudWatch calls the same {Name, Value} shape "Dimension").
// PutMetricAlarmRequest lives in Core/AwsApi because recommendations carry it.
namespace LoadLab.Aws.CloudWatch;

public sealed record Metric
{
    public string? Namespace { get; init; }
    public string? MetricName { get; init; }
    public IReadOnlyList<MetricDimension>? Dimensions { get; init; }
}

public sealed record MetricStat
{
    public required Metric Metric { get; init; }
    /// <summary>Seconds: 1, 5, 10, 20, 30 (high resolution) or a multiple of 60.</summary>
    public required int Period { get; init; }
    /// <summary>Average, Sum, SampleCount, Minimum, Maximum, or a percentile/trimmed statistic such as p99, tm90.</summary>
    public required string Stat { get; init; }
    public string? Unit { get; init; }
}

public sealed record MetricDataQuery
{
    /// <summary>Starts with a lower-case letter; letters, digits and underscores.</summary>
    public required string Id { get; init; }
    public MetricStat? MetricStat { get; init; }
    public string? Expression { get; init; }
    public string? Label { get; init; }
    public bool? ReturnData { get; init; }
    public int? Period { get; init; }
    public string? AccountId { get; init; }
}

public sealed record LabelOptions
{
    /// <summary>e.g. "+0130".</summary>
    public string? Timezone { get; init; }
}

public static class ScanBy
{
    public const string TimestampDescending = "TimestampDescending";
    public const string TimestampAscending = "TimestampAscending";
}

public sealed record GetMetricDataRequest
{
    public required IReadOnlyList<MetricDataQuery> MetricDataQueries { get; init; }
    public required DateTimeOffset StartTime { get; init; }
    public required DateTimeOffset EndTime { get; init; }
    public string? NextToken { get; init; }
    public string? ScanBy { get; init; }
    public int? MaxDatapoints { get; init; }
    public LabelOptions? LabelOptions { get; init; }
}

public sealed record MessageData
{
    public string? Code { get; init; }
    public string? Value { get; init; }
}

public static class StatusCodes
{
    public const string Complete = "Complete";
    public const string InternalError = "InternalError";
    public const string PartialData = "PartialData";
    public const string Forbidden = "Forbidden";
}

public sealed record MetricDataResult
{
    public string? Id { get; init; }
    public string? Label { get; init; }
    public IReadOnlyList<DateTimeOffset> Timestamps { get; init; } = [];
    public IReadOnlyList<double> Values { get; init; } = [];
    /// <summary>Complete | InternalError | PartialData | Forbidden.</summary>
    public string? StatusCode { get; init; }
    public IReadOnlyList<MessageData>? Messages { get; init; }
}

public sealed record GetMetricDataResponse
{
    public IReadOnlyList<MetricDataResult> MetricDataResults { get; init; } = [];
    public string? NextToken { get; init; }
    public IReadOnlyList<MessageData>? Messages { get; init; }
}

public sealed record StatisticSet
{
    public required double SampleCount { get; init; }
    public required double Sum { get; init; }
    public required double Minimum { get; init; }
    public required double Maximum { get; init; }
}

public sealed record MetricDatum
{
    public required string MetricName { get; init; }
    public IReadOnlyList<MetricDimension>? Dimensions { get; init; }
    public DateTimeOffset? Timestamp { get; init; }
    public double? Value { get; init; }
    public StatisticSet? StatisticValues { get; init; }
    /// <summary>Up to 150 distinct values, each with its count in <see cref="Counts"/> (1 each when Counts is omitted).</summary>
    public IReadOnlyList<double>? Values { get; init; }
    public IReadOnlyList<double>? Counts { get; init; }
    /// <summary>Seconds, Microseconds, Milliseconds, Percent, Count, Count/Second, None, ...</summary>
    public string? Unit { get; init; }
    /// <summary>1 = high resolution, 60 = standard (default).</summary>
    public int? StorageResolution { get; init; }
}

public sealed record PutMetricDataRequest
{
    public required string Namespace { get; init; }
    public required IReadOnlyList<MetricDatum> MetricData { get; init; }
    public bool? StrictEntityValidation { get; init; }
}

public sealed record DescribeAlarmsRequest
{
    public IReadOnlyList<string>? AlarmNames { get; init; }
    public string? AlarmNamePrefix { get; init; }
    /// <summary>CompositeAlarm | MetricAlarm.</summary>
    public IReadOnlyList<string>? AlarmTypes { get; init; }
    public string? ChildrenOfAlarmName { get; init; }
    public string? ParentsOfAlarmName { get; init; }
    /// <summary>OK | ALARM | INSUFFICIENT_DATA.</summary>
    public string? StateValue { get; init; }
    public string? ActionPrefix { get; init; }
    public int? MaxRecords { get; init; }
    public string? NextToken { get; init; }
}

public sealed record MetricAlarm
{
    public string? AlarmName { get; init; }
    public string? AlarmArn { get; init; }
    public string? AlarmDescription { get; init; }
    public DateTimeOffset? AlarmConfigurationUpdatedTimestamp { get; init; }
    public bool? ActionsEnabled { get; init; }
    public IReadOnlyList<string>? OKActions { get; init; }
    public IReadOnlyList<string>? AlarmActions { get; init; }
    public IReadOnlyList<string>? InsufficientDataActions { get; init; }
    public string? StateValue { get; init; }
    public string? StateReason { get; init; }
    public string? StateReasonData { get; init; }
    public DateTimeOffset? StateUpdatedTimestamp { get; init; }
    public string? MetricName { get; init; }
    public string? Namespace { get; init; }
    public string? Statistic { get; init; }
    public string? ExtendedStatistic { get; init; }
    public IReadOnlyList<MetricDimension>? Dimensions { get; init; }
    public int? Period { get; init; }
    public string? Unit { get; init; }
    public int? EvaluationPeriods { get; init; }
    public int? DatapointsToAlarm { get; init; }
    public double? Threshold { get; init; }
    public string? ComparisonOperator { get; init; }
    public string? TreatMissingData { get; init; }
    public string? EvaluateLowSampleCountPercentile { get; init; }
    public IReadOnlyList<MetricDataQuery>? Metrics { get; init; }
    public string? ThresholdMetricId { get; init; }
    public string? EvaluationState { get; init; }
    public DateTimeOffset? StateTransitionedTimestamp { get; init; }
}

public sealed record CompositeAlarm
{
    public string? AlarmName { get; init; }
    public string? AlarmArn { get; init; }
    public string? AlarmRule { get; init; }
    public string? StateValue { get; init; }
    public bool? ActionsEnabled { get; init; }
    public IReadOnlyList<string>? AlarmActions { get; init; }
}

public sealed record DescribeAlarmsResponse
{
    public IReadOnlyList<CompositeAlarm> CompositeAlarms { get; init; } = [];
    public IReadOnlyList<MetricAlarm> MetricAlarms { get; init; } = [];
    public string? NextToken { get; init; }
}

public sealed record DeleteAlarmsRequest
{
    public required IReadOnlyList<string> AlarmNames { get; init; }
}
