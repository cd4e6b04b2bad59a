using LoadLab.Aws.Credentials;
using LoadLab.Aws.Local;
using LoadLab.Aws.Signing;
using Xunit;

namespace LoadLab.TestSupport;

/// <summary>
/// xunit fixture: one moto_server in strict-auth mode on a free loopback port, stopped by PID when the fixture is
/// disposed. Use as a class fixture (IClassFixture&lt;MotoServer&gt;) or, to share it across classes, through a
/// collection fixture ([CollectionDefinition] + ICollectionFixture&lt;MotoServer&gt;).
/// Signatures made with <see cref="Credentials"/> are verified by moto; anything else fails with SignatureDoesNotMatch.
/// moto keeps state for its lifetime, so tests should use unique resource names (see <see cref="UniqueName"/>).
/// </summary>
public sealed class MotoServer : IAsyncLifetime
{
    private MotoServerProcess? _process;

    public MotoServerProcess Process => _process ?? throw new InvalidOperationException("MotoServer has not started (InitializeAsync not run)");
    public Uri Url => Process.Url;
    public string Region => Process.Region;
    public string AccessKeyId => Process.AccessKeyId;
    public string SecretAccessKey => Process.SecretAccessKey;
    public SigningCredentials Credentials => Process.Credentials;
    public ICredentialSource CredentialSource => Process.CredentialSource;

    public async Task InitializeAsync() => _process = await MotoServerProcess.StartAsync().ConfigureAwait(false);

    public Task DisposeAsync()
    {
        _process?.Dispose();
        return Task.CompletedTask;
    }

    private static int _counter;

    /// <summary>A name unique within this test run, e.g. "ep-3-1a2b".</summary>
    public static string UniqueName(string prefix) =>
        $"{prefix}-{Interlocked.Increment(ref _counter)}-{Guid.NewGuid().ToString("N")[..6]}";
}
