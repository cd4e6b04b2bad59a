using LoadLab.Aws;
using LoadLab.Aws.Http;
using LoadLab.Aws.SageMaker;

namespace LoadLab.TestSupport;

/// <summary>What integration tests do with a moto_server: a fast-retrying context, and a SageMaker endpoint to scale.</summary>
public static class MotoStackExtensions
{
    /// <summary>A context signed with moto's key; short retry delays so a failing test fails fast.</summary>
    public static AwsContext CreateAwsContext(this MotoServer moto) =>
        AwsContext.ForLocal(moto.Url, moto.Credentials, moto.Region,
            new AwsRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(10), AttemptTimeout = TimeSpan.FromSeconds(20) });

    /// <summary>Creates model, endpoint config and endpoint (moto marks it InService at once); returns the endpoint name.</summary>
    public static async Task<string> CreateEndpointAsync(this AwsContext aws, string variant = "AllTraffic", int instances = 1)
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
            ProductionVariants = [new ProductionVariant { VariantName = variant, ModelName = name + "-model", InitialInstanceCount = instances, InstanceType = "ml.m5.large" }],
        });
        await sm.CreateEndpointAsync(new CreateEndpointRequest { EndpointName = name, EndpointConfigName = name + "-config" });
        return name;
    }
}
