using LoadLab.Aws;
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
    public static AwsContext Context(MotoServer moto) => moto.CreateAwsContext();

    public static AwsScalingConfigStore Store(AwsContext aws) => AwsScalingConfigStore.From(aws);

    public static Task<string> CreateEndpointAsync(AwsContext aws, string variant = "AllTraffic") => aws.CreateEndpointAsync(variant);
}
