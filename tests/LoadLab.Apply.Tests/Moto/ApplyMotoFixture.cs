using LoadLab.Aws;
using LoadLab.Aws.Http;
using LoadLab.Aws.SageMaker;
using LoadLab.Aws.ScalingConfig;
using LoadLab.TestSupport;

namespace LoadLab.Apply.Tests.Moto;

/// <summary>One strict-auth moto_server for every apply integration test (each test uses its own endpoint name).</summary>
[CollectionDefinition(Name)]
public sealed class ApplyMotoCollection : ICollectionFixture<MotoServer>
{
    public const string Name = "apply-moto";
}

internal static class MotoStack
{
    public static AwsContext Context(MotoServer moto) =>
        AwsContext.ForLocal(moto.Url, moto.Credentials, moto.Region,
            new AwsRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(10), AttemptTimeout = TimeSpan.FromSeconds(20) });

    public static AwsScalingConfigStore Store(AwsContext aws) => AwsScalingConfigStore.From(aws);

    /// <summary>Creates model, endpoint config and endpoint (moto marks it InService at once) through the AWS layer.</summary>
    public static async Task<string> CreateEndpointAsync(AwsContext aws, string variant = "AllTraffic")
    {
        var name = MotoServer.UniqueName("ep");
        var sm = aws.SageMaker();
        await sm.CreateModelAsync(new CreateModelRequest
        {
            ModelName = name + "-model",
            ExecutionRoleArn = "arn:aws:iam::123456789012:role/loadlab-test",
            PrimaryContainer = new ContainerDefinition { Image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/loadlab:latest" },
        });
        await sm.CreateEndpointConfigAsync(new CreateEndpointConfigRequest
        {
            EndpointConfigName = name + "-config",
            ProductionVariants = [new ProductionVariant { VariantName = variant, ModelName = name + "-model", InitialInstanceCount = 1, InstanceType = "ml.m5.large" }],
        });
        await sm.CreateEndpointAsync(new CreateEndpointRequest { EndpointName = name, EndpointConfigName = name + "-config" });
        return name;
    }
}
