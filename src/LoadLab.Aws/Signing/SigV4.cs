using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace LoadLab.Aws.Signing;

/// <summary>What SigV4 signs: the request as sent. Headers must already include host and x-amz-date.</summary>
public sealed record SigV4Input(
    string Method,
    string PathAsSent,
    string? RawQuery,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    string PayloadSha256Hex);

/// <summary>Every intermediate of a signature, so tests can compare each against AWS's published files.</summary>
public sealed record SigV4Result(string CanonicalRequest, string StringToSign, string SignedHeaders, string Signature, string Authorization);

/// <summary>The SigV4 algorithm as a pure function of its inputs (no clock, no I/O).</summary>
public static class SigV4
{
    public const string AmzDateFormat = "yyyyMMdd'T'HHmmss'Z'";

    public static string AmzDate(DateTimeOffset at) => at.UtcDateTime.ToString(AmzDateFormat, CultureInfo.InvariantCulture);

    public static SigV4Result Compute(
        SigV4Input input, SigningCredentials credentials, string region, string service, DateTimeOffset at,
        SigningKeyCache? keyCache = null)
    {
        var amzDate = AmzDate(at);
        var date = amzDate[..8];
        var (canonicalHeaders, signedHeaders) = SigV4Canonical.CanonicalHeaders(input.Headers);
        var canonicalRequest = string.Concat(
            input.Method.ToUpperInvariant(), "\n",
            SigV4Canonical.CanonicalUri(input.PathAsSent), "\n",
            SigV4Canonical.CanonicalQuery(input.RawQuery), "\n",
            canonicalHeaders, "\n",
            signedHeaders, "\n",
            input.PayloadSha256Hex);
        var scope = $"{date}/{region}/{service}/aws4_request";
        var stringToSign = string.Concat(
            SigV4Canonical.Algorithm, "\n", amzDate, "\n", scope, "\n", SigV4Canonical.Sha256Hex(canonicalRequest));
        var key = keyCache is null
            ? SigningKeyCache.Derive(credentials.SecretAccessKey, date, region, service)
            : keyCache.Get(credentials.SecretAccessKey, date, region, service);
        var signature = SigV4Canonical.ToHexLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        var authorization =
            $"{SigV4Canonical.Algorithm} Credential={credentials.AccessKeyId}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}";
        return new SigV4Result(canonicalRequest, stringToSign, signedHeaders, signature, authorization);
    }
}
