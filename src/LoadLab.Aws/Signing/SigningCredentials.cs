namespace LoadLab.Aws.Signing;

/// <summary>
/// One set of AWS keys as the signer needs them. <see cref="ToString"/> never shows the secret, so a stray log line
/// or exception message cannot leak it.
/// </summary>
public sealed record SigningCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken = null)
{
    public override string ToString() => $"SigningCredentials {{ AccessKeyId = {Mask(AccessKeyId)}, Secret = ***, SessionToken = {(SessionToken is null ? "none" : "***")} }}";

    private static string Mask(string id) => id.Length <= 4 ? "****" : id[..4] + new string('*', id.Length - 4);
}
