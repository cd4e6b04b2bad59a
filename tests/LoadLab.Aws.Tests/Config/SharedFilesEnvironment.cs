using LoadLab.TestSupport;

namespace LoadLab.Aws.Tests.Config;

/// <summary>
/// Points AWSSDK.Core at temporary shared config/credentials files (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE)
/// for one test and restores the process environment afterwards. Tests using it all sit in the (sequential) moto collection,
/// so they never change the environment under each other.
/// AWSSDK.Core reads the file locations once per process, so every test uses the same two paths and only their
/// contents change.
/// </summary>
public sealed class SharedFilesEnvironment : IDisposable
{
    private static readonly string[] Touched =
        ["AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION", "AWS_DEFAULT_REGION"];

    private readonly Dictionary<string, string?> _saved = Touched.ToDictionary(n => n, Environment.GetEnvironmentVariable);
    private static readonly TempDir Dir = new("loadlab-aws-config");

    public SharedFilesEnvironment(string credentials, string config)
    {
        foreach (var n in Touched) Environment.SetEnvironmentVariable(n, null);
        Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", Dir.Write("credentials", credentials));
        Environment.SetEnvironmentVariable("AWS_CONFIG_FILE", Dir.Write("config", config));
    }

    public void Dispose()
    {
        foreach (var (n, v) in _saved) Environment.SetEnvironmentVariable(n, v);
        File.WriteAllText(Dir.File("credentials"), "");
        File.WriteAllText(Dir.File("config"), "");
    }
}
