using System.Security.Cryptography;
using System.Text;

namespace LoadLab.Aws.Signing;

/// <summary>
/// Derives the SigV4 signing key (four HMACs) once per (secret, date, region, service) and reuses it: the key only
/// changes at UTC midnight or when credentials rotate. Lock-free: readers see either the old or the new immutable entry.
/// </summary>
public sealed class SigningKeyCache
{
    private sealed record Entry(string Secret, string Date, string Region, string Service, byte[] Key);

    private Entry? _last;

    public byte[] Get(string secretAccessKey, string date, string region, string service)
    {
        var e = Volatile.Read(ref _last);
        if (e is not null && e.Date == date && e.Region == region && e.Service == service
            && e.Secret == secretAccessKey)
            return e.Key;
        var key = Derive(secretAccessKey, date, region, service);
        Volatile.Write(ref _last, new Entry(secretAccessKey, date, region, service, key));
        return key;
    }

    /// <summary>kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request").</summary>
    public static byte[] Derive(string secretAccessKey, string date, string region, string service)
    {
        var kDate = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secretAccessKey), Encoding.UTF8.GetBytes(date));
        var kRegion = HMACSHA256.HashData(kDate, Encoding.UTF8.GetBytes(region));
        var kService = HMACSHA256.HashData(kRegion, Encoding.UTF8.GetBytes(service));
        return HMACSHA256.HashData(kService, "aws4_request"u8);
    }
}
