namespace LoadLab.Cli.Infrastructure;

/// <summary>Recognises AWS-layer failures (typed exceptions of LoadLab.Aws) so they exit 3 with code and message.</summary>
public static class AwsErrorBridge
{
    public static bool TryDescribe(Exception ex, out string message)
    {
        // Filled in once LoadLab.Aws has its typed exception (AwsServiceException): code, message, request id, status.
        message = "";
        return false;
    }
}
