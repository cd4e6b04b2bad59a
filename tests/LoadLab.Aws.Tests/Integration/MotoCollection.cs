using LoadLab.Aws;
using LoadLab.TestSupport;

namespace LoadLab.Aws.Tests.Integration;

/// <summary>One strict-auth moto_server shared by every integration test class (starting one takes seconds).</summary>
[CollectionDefinition(Name)]
public sealed class MotoCollection : ICollectionFixture<MotoServer>
{
    public const string Name = "moto";
}

public static class MotoContexts
{
    /// <summary>A context for moto with quick retries, so tests that provoke errors stay fast.</summary>
    public static AwsContext For(MotoServer moto) =>
        AwsContext.ForLocal(moto.Url, moto.Credentials, moto.Region,
            new LoadLab.Aws.Http.AwsRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(10), AttemptTimeout = TimeSpan.FromSeconds(20) });
}
