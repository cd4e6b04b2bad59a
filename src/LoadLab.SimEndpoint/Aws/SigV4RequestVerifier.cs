using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LoadLab.Aws.Credentials;
using LoadLab.Aws.Signing;
using LoadLab.SimEndpoint.Wire;
using Microsoft.AspNetCore.Http;

namespace LoadLab.SimEndpoint.Aws;

/// <summary>
/// Verifies an incoming request's SigV4 <c>Authorization</c> header the way AWS does: recomputes the signature with
/// LoadLab.Aws's <see cref="SigV4"/> over the request as received and the known secret for the access key, and
/// answers AWS's errors (MissingAuthenticationToken, UnrecognizedClient, InvalidSignature, signature expired).
/// </summary>
public sealed class SigV4RequestVerifier(ICredentialSource credentials, string service, TimeProvider time) : ISigV4Verifier
{
    private static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(15);

    public async ValueTask<AuthVerdict?> VerifyAsync(HttpContext ctx)
    {
        var req = ctx.Request;
        var auth = req.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(auth))
            return new AuthVerdict(403, SageMakerErrors.MissingAuthenticationToken, "Missing Authentication Token");
        if (!TryParse(auth, out var accessKey, out var scope, out var signedHeaders, out var signature))
            return new AuthVerdict(403, SageMakerErrors.InvalidSignatureException, "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters (AWS4-HMAC-SHA256).");
        var known = await credentials.GetAsync(ctx.RequestAborted).ConfigureAwait(false);
        if (!string.Equals(accessKey, known.AccessKeyId, StringComparison.Ordinal))
            return new AuthVerdict(403, SageMakerErrors.UnrecognizedClientException, "The security token included in the request is invalid.");
        var scopeParts = scope.Split('/');
        if (scopeParts.Length != 4 || scopeParts[3] != "aws4_request")
            return new AuthVerdict(403, SageMakerErrors.InvalidSignatureException, $"Credential scope '{scope}' is malformed.");
        if (scopeParts[2] != service)
            return new AuthVerdict(403, SageMakerErrors.InvalidSignatureException, $"Credential should be scoped to correct service: '{service}'.");

        var amzDate = req.Headers["x-amz-date"].ToString();
        if (!DateTimeOffset.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
            return new AuthVerdict(400, "IncompleteSignatureException", "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        var now = time.GetUtcNow();
        if ((now - at).Duration() > MaxSkew)
            return new AuthVerdict(403, SageMakerErrors.InvalidSignatureException,
                $"Signature expired: {amzDate} is now earlier than {(now - MaxSkew).UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)} ({(now - MaxSkew).UtcDateTime:yyyyMMdd'T'HHmmss'Z'} - 15 min.)");

        var headers = new List<KeyValuePair<string, string>>();
        foreach (var name in signedHeaders.Split(';'))
        {
            if (name == "host") { headers.Add(new(name, req.Host.Value ?? "")); continue; }
            if (!req.Headers.TryGetValue(name, out var values))
                return new AuthVerdict(403, SageMakerErrors.InvalidSignatureException, $"Signed header '{name}' is missing from the request.");
            foreach (var v in values) headers.Add(new(name, v ?? ""));
        }
        // The signed payload hash is the header when sent (checked against the body, as AWS does), else the body's.
        var payloadHash = req.Headers["x-amz-content-sha256"].ToString();
        if (payloadHash != "UNSIGNED-PAYLOAD")
        {
            var bodyHash = await HashBodyAsync(req, ctx.RequestAborted).ConfigureAwait(false);
            if (payloadHash.Length > 0 && !string.Equals(payloadHash, bodyHash, StringComparison.OrdinalIgnoreCase))
                return new AuthVerdict(400, "XAmzContentSHA256Mismatch", "The provided 'x-amz-content-sha256' header does not match what was computed.");
            if (payloadHash.Length == 0) payloadHash = bodyHash;
        }

        var path = req.PathBase.Add(req.Path).ToUriComponent();
        var input = new SigV4Input(req.Method, path, req.QueryString.HasValue ? req.QueryString.Value : null, headers, payloadHash);
        var expected = SigV4.Compute(input, known, scopeParts[1], scopeParts[2], at);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected.Signature), Encoding.ASCII.GetBytes(signature)))
            return new AuthVerdict(403, SageMakerErrors.InvalidSignatureException,
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
        return null;
    }

    /// <summary>Reads (and buffers, so it can be read again) the body to hash it.</summary>
    private static async Task<string> HashBodyAsync(HttpRequest req, CancellationToken ct)
    {
        req.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[16 * 1024];
        int n;
        while ((n = await req.Body.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0) sha.AppendData(buffer, 0, n);
        req.Body.Position = 0;
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>Parses "AWS4-HMAC-SHA256 Credential=AKID/20250101/us-east-1/sagemaker/aws4_request, SignedHeaders=a;b, Signature=hex".</summary>
    public static bool TryParse(string header, out string accessKey, out string scope, out string signedHeaders, out string signature)
    {
        accessKey = scope = signedHeaders = signature = "";
        const string prefix = SigV4Canonical.Algorithm + " ";
        if (!header.StartsWith(prefix, StringComparison.Ordinal)) return false;
        foreach (var part in header[prefix.Length..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            if (eq < 0) return false;
            var key = part[..eq];
            var value = part[(eq + 1)..];
            switch (key)
            {
                case "Credential":
                    var slash = value.IndexOf('/');
                    if (slash <= 0) return false;
                    accessKey = value[..slash];
                    scope = value[(slash + 1)..];
                    break;
                case "SignedHeaders": signedHeaders = value; break;
                case "Signature": signature = value; break;
            }
        }
        return accessKey.Length > 0 && signedHeaders.Length > 0 && signature.Length > 0;
    }
}
