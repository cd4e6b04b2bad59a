using LoadLab.Aws.Signing;

namespace LoadLab.Aws.Credentials;

/// <summary>Hands out current credentials. Implementations cache and refresh; callers may ask per request.</summary>
public interface ICredentialSource
{
    ValueTask<SigningCredentials> GetAsync(CancellationToken cancellationToken = default);
}

/// <summary>Fixed keys (tests, the local moto stack).</summary>
public sealed class StaticCredentialSource(SigningCredentials credentials) : ICredentialSource
{
    public ValueTask<SigningCredentials> GetAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(credentials);
}
