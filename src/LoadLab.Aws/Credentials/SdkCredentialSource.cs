using Amazon.Runtime;
using LoadLab.Aws.Signing;

namespace LoadLab.Aws.Credentials;

/// <summary>
/// Adapts AWSSDK.Core credentials (environment, profiles, SSO, container and instance roles, all refreshing on their
/// own) to <see cref="ICredentialSource"/>. The SDK object is asked at most once per <see cref="RecheckInterval"/>
/// so the per-request cost is a field read; refreshing credentials renew well before they expire, so a short
/// recheck interval never hands out expired keys.
/// </summary>
public sealed class SdkCredentialSource(AWSCredentials sdkCredentials, TimeProvider? time = null) : ICredentialSource
{
    public static readonly TimeSpan RecheckInterval = TimeSpan.FromSeconds(30);

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile Snapshot? _snapshot;

    private sealed record Snapshot(SigningCredentials Credentials, DateTimeOffset FetchedAt);

    public async ValueTask<SigningCredentials> GetAsync(CancellationToken cancellationToken = default)
    {
        var s = _snapshot;
        var now = _time.GetUtcNow();
        if (s is not null && now - s.FetchedAt < RecheckInterval) return s.Credentials;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            s = _snapshot;
            if (s is not null && now - s.FetchedAt < RecheckInterval) return s.Credentials;
            var c = await sdkCredentials.GetCredentialsAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            var creds = new SigningCredentials(c.AccessKey, c.SecretKey, c.UseToken ? c.Token : null);
            _snapshot = new Snapshot(creds, now);
            return creds;
        }
        finally { _gate.Release(); }
    }
}
