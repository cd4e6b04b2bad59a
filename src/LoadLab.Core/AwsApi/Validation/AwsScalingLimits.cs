namespace LoadLab.Core.AwsApi.Validation;

/// <summary>
/// The limits AWS documents for Application Auto Scaling and CloudWatch alarms (service models
/// "application-autoscaling" 2016-02-06 and "monitoring" 2010-08-01), plus the few places where LoadLab is
/// deliberately stricter. Each constant says which it is.
/// </summary>
public static class AwsScalingLimits
{
    /// <summary>AWS: PolicyName and ScheduledActionName are 1..256 characters.</summary>
    public const int MaxNameLength = 256;

    /// <summary>AWS: ResourceId, Schedule and Timezone are 1..1600 characters.</summary>
    public const int MaxResourceIdLength = 1600;

    /// <summary>AWS: TargetValue must lie within 8.515920e-109 .. 1.174271e+108 (documented range of MetricScale).</summary>
    public const double MinTargetValue = 8.515920e-109;

    /// <summary>AWS: upper end of the TargetValue range.</summary>
    public const double MaxTargetValue = 1.174271e+108;

    /// <summary>
    /// LoadLab bound: the AWS model declares cooldowns as plain integers without a documented range; a negative
    /// cooldown is meaningless and anything above one day is almost certainly a unit mistake (ms for s).
    /// </summary>
    public const int MaxCooldownSeconds = 86_400;

    /// <summary>AWS: AlarmName is 1..255 characters.</summary>
    public const int MaxAlarmNameLength = 255;

    /// <summary>AWS: at most 30 dimensions per metric.</summary>
    public const int MaxDimensions = 30;

    /// <summary>AWS: at most 5 actions per alarm state.</summary>
    public const int MaxAlarmActions = 5;

    /// <summary>AWS: Period × EvaluationPeriods may not exceed one day for periods under an hour...</summary>
    public const int MaxEvaluationSecondsShortPeriod = 86_400;

    /// <summary>AWS: ...and seven days otherwise.</summary>
    public const int MaxEvaluationSecondsLongPeriod = 604_800;

    /// <summary>SageMaker: endpoint and variant names, ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}.</summary>
    public const string SageMakerNamePattern = "^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$";

    public static readonly IReadOnlySet<string> ServiceNamespaces = new HashSet<string>(StringComparer.Ordinal)
    {
        "ecs", "elasticmapreduce", "ec2", "appstream", "dynamodb", "rds", "sagemaker", "custom-resource",
        "comprehend", "lambda", "cassandra", "kafka", "elasticache", "neptune", "workspaces",
    };

    public const string InferenceComponentDimension = "sagemaker:inference-component:DesiredCopyCount";
    public const string ProvisionedConcurrencyDimension = "sagemaker:variant:DesiredProvisionedConcurrency";

    public static readonly IReadOnlySet<string> SageMakerDimensions = new HashSet<string>(StringComparer.Ordinal)
    {
        ScalingConstants.VariantDesiredInstanceCount, ProvisionedConcurrencyDimension, InferenceComponentDimension,
    };

    public static readonly IReadOnlySet<string> SageMakerPredefinedMetrics = new HashSet<string>(StringComparer.Ordinal)
    {
        "SageMakerVariantInvocationsPerInstance", "SageMakerVariantProvisionedConcurrencyUtilization",
        "SageMakerInferenceComponentInvocationsPerCopy", "SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution",
        "SageMakerVariantConcurrentRequestsPerModelHighResolution",
    };

    public static readonly IReadOnlySet<string> MetricStatistics = new HashSet<string>(StringComparer.Ordinal)
    { "Average", "Minimum", "Maximum", "SampleCount", "Sum" };

    public static readonly IReadOnlySet<string> MetricAggregationTypes = new HashSet<string>(StringComparer.Ordinal)
    { "Average", "Minimum", "Maximum" };

    public static readonly IReadOnlySet<string> AdjustmentTypeValues = new HashSet<string>(StringComparer.Ordinal)
    { AdjustmentTypes.ChangeInCapacity, AdjustmentTypes.PercentChangeInCapacity, AdjustmentTypes.ExactCapacity };

    /// <summary>Static-threshold comparison operators (the other three AWS values need an anomaly detection band).</summary>
    public static readonly IReadOnlySet<string> StaticComparisonOperators = new HashSet<string>(StringComparer.Ordinal)
    { "GreaterThanOrEqualToThreshold", "GreaterThanThreshold", "LessThanThreshold", "LessThanOrEqualToThreshold" };

    public static readonly IReadOnlySet<string> TreatMissingDataValues = new HashSet<string>(StringComparer.Ordinal)
    { "breaching", "notBreaching", "ignore", "missing" };
}
