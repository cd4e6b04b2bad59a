// SageMaker control-plane shapes as in the AWS API (service model "sagemaker" 2017-07-24), C# member names = wire
// names. Only the members LoadLab reads or writes are declared; unknown answer members are ignored, so the shapes
// stay compatible with the full API. Enums are strings, as the AWS SDKs' ConstantClass values are.
namespace LoadLab.Aws.SageMaker;

public sealed record Tag
{
    public required string Key { get; init; }
    public required string Value { get; init; }
}

public sealed record ContainerDefinition
{
    public string? ContainerHostname { get; init; }
    public string? Image { get; init; }
    /// <summary>SingleModel | MultiModel.</summary>
    public string? Mode { get; init; }
    public string? ModelDataUrl { get; init; }
    public IReadOnlyDictionary<string, string>? Environment { get; init; }
    public string? ModelPackageName { get; init; }
}

public sealed record VpcConfig
{
    public required IReadOnlyList<string> SecurityGroupIds { get; init; }
    public required IReadOnlyList<string> Subnets { get; init; }
}

public sealed record CreateModelRequest
{
    public required string ModelName { get; init; }
    public ContainerDefinition? PrimaryContainer { get; init; }
    public IReadOnlyList<ContainerDefinition>? Containers { get; init; }
    public string? ExecutionRoleArn { get; init; }
    public IReadOnlyList<Tag>? Tags { get; init; }
    public VpcConfig? VpcConfig { get; init; }
    public bool? EnableNetworkIsolation { get; init; }
}

public sealed record CreateModelResponse
{
    public string? ModelArn { get; init; }
}

public sealed record ProductionVariantServerlessConfig
{
    public required int MemorySizeInMB { get; init; }
    public required int MaxConcurrency { get; init; }
    public int? ProvisionedConcurrency { get; init; }
}

public sealed record ProductionVariantRoutingConfig
{
    /// <summary>LEAST_OUTSTANDING_REQUESTS | RANDOM.</summary>
    public required string RoutingStrategy { get; init; }
}

public sealed record ProductionVariant
{
    public required string VariantName { get; init; }
    public string? ModelName { get; init; }
    public int? InitialInstanceCount { get; init; }
    /// <summary>e.g. ml.m5.large.</summary>
    public string? InstanceType { get; init; }
    public float? InitialVariantWeight { get; init; }
    public string? AcceleratorType { get; init; }
    public ProductionVariantServerlessConfig? ServerlessConfig { get; init; }
    public int? VolumeSizeInGB { get; init; }
    public int? ModelDataDownloadTimeoutInSeconds { get; init; }
    public int? ContainerStartupHealthCheckTimeoutInSeconds { get; init; }
    public ProductionVariantRoutingConfig? RoutingConfig { get; init; }
}

public sealed record CreateEndpointConfigRequest
{
    public required string EndpointConfigName { get; init; }
    public required IReadOnlyList<ProductionVariant> ProductionVariants { get; init; }
    public IReadOnlyList<Tag>? Tags { get; init; }
    public string? KmsKeyId { get; init; }
    public string? ExecutionRoleArn { get; init; }
}

public sealed record CreateEndpointConfigResponse
{
    public string? EndpointConfigArn { get; init; }
}

public sealed record DescribeEndpointConfigRequest
{
    public required string EndpointConfigName { get; init; }
}

public sealed record DescribeEndpointConfigResponse
{
    public string? EndpointConfigName { get; init; }
    public string? EndpointConfigArn { get; init; }
    public IReadOnlyList<ProductionVariant> ProductionVariants { get; init; } = [];
    public string? KmsKeyId { get; init; }
    public DateTimeOffset? CreationTime { get; init; }
}

public sealed record CreateEndpointRequest
{
    public required string EndpointName { get; init; }
    public required string EndpointConfigName { get; init; }
    public IReadOnlyList<Tag>? Tags { get; init; }
}

public sealed record CreateEndpointResponse
{
    public string? EndpointArn { get; init; }
}

public sealed record DescribeEndpointRequest
{
    public required string EndpointName { get; init; }
}

public sealed record DeployedImage
{
    public string? SpecifiedImage { get; init; }
    public string? ResolvedImage { get; init; }
    public DateTimeOffset? ResolutionTime { get; init; }
}

public sealed record ProductionVariantStatus
{
    /// <summary>Creating | Updating | Deleting | ActivatingTraffic | Baking.</summary>
    public string? Status { get; init; }
    public string? StatusMessage { get; init; }
    public DateTimeOffset? StartTime { get; init; }
}

public sealed record ProductionVariantSummary
{
    public required string VariantName { get; init; }
    public IReadOnlyList<DeployedImage>? DeployedImages { get; init; }
    public float? CurrentWeight { get; init; }
    public float? DesiredWeight { get; init; }
    public int? CurrentInstanceCount { get; init; }
    public int? DesiredInstanceCount { get; init; }
    public IReadOnlyList<ProductionVariantStatus>? VariantStatus { get; init; }
    public ProductionVariantServerlessConfig? CurrentServerlessConfig { get; init; }
    public ProductionVariantServerlessConfig? DesiredServerlessConfig { get; init; }
    public ProductionVariantRoutingConfig? RoutingConfig { get; init; }
}

public static class EndpointStatus
{
    public const string OutOfService = "OutOfService";
    public const string Creating = "Creating";
    public const string Updating = "Updating";
    public const string SystemUpdating = "SystemUpdating";
    public const string RollingBack = "RollingBack";
    public const string InService = "InService";
    public const string Deleting = "Deleting";
    public const string Failed = "Failed";
    public const string UpdateRollbackFailed = "UpdateRollbackFailed";
}

public sealed record DescribeEndpointResponse
{
    public string? EndpointName { get; init; }
    public string? EndpointArn { get; init; }
    public string? EndpointConfigName { get; init; }
    public IReadOnlyList<ProductionVariantSummary> ProductionVariants { get; init; } = [];
    /// <summary>See <see cref="SageMaker.EndpointStatus"/>.</summary>
    public string? EndpointStatus { get; init; }
    public string? FailureReason { get; init; }
    public DateTimeOffset? CreationTime { get; init; }
    public DateTimeOffset? LastModifiedTime { get; init; }
}

public sealed record ProductionVariantServerlessUpdateConfig
{
    public int? MaxConcurrency { get; init; }
    public int? ProvisionedConcurrency { get; init; }
}

public sealed record DesiredWeightAndCapacity
{
    public required string VariantName { get; init; }
    public float? DesiredWeight { get; init; }
    public int? DesiredInstanceCount { get; init; }
    public ProductionVariantServerlessUpdateConfig? ServerlessUpdateConfig { get; init; }
}

public sealed record UpdateEndpointWeightsAndCapacitiesRequest
{
    public required string EndpointName { get; init; }
    public required IReadOnlyList<DesiredWeightAndCapacity> DesiredWeightsAndCapacities { get; init; }
}

public sealed record UpdateEndpointWeightsAndCapacitiesResponse
{
    public string? EndpointArn { get; init; }
}

public sealed record DeleteEndpointRequest
{
    public required string EndpointName { get; init; }
}
