namespace LoadLab.Aws.Config;

/// <summary>
/// Wire identity of one AWS service: its service id (as the SDKs name it), endpoint prefix, SigV4 signing name and
/// the suffix of its AWS_ENDPOINT_URL_&lt;SERVICE&gt; variable (service id upper-cased, spaces to underscores).
/// </summary>
public sealed record AwsService(string ServiceId, string EndpointPrefix, string SigningName)
{
    public string EndpointEnvironmentVariable => "AWS_ENDPOINT_URL_" + ServiceId.ToUpperInvariant().Replace(' ', '_');

    public static readonly AwsService SageMakerRuntime = new("SageMaker Runtime", "runtime.sagemaker", "sagemaker");
    public static readonly AwsService SageMaker = new("SageMaker", "api.sagemaker", "sagemaker");
    public static readonly AwsService CloudWatch = new("CloudWatch", "monitoring", "monitoring");
    public static readonly AwsService ApplicationAutoScaling = new("Application Auto Scaling", "application-autoscaling", "application-autoscaling");

    public static IReadOnlyList<AwsService> All { get; } = [SageMakerRuntime, SageMaker, CloudWatch, ApplicationAutoScaling];
}
