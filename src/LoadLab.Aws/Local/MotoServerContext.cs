using LoadLab.Aws.Http;

namespace LoadLab.Aws.Local;

public static class MotoServerContext
{
    /// <summary>An <see cref="AwsContext"/> whose every client talks to this moto_server with its verified key.</summary>
    public static AwsContext CreateAwsContext(this MotoServerProcess moto, AwsRetryOptions? retry = null) =>
        AwsContext.ForLocal(moto.Url, moto.Credentials, moto.Region, retry);
}
