using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace LoadLab.Aws.Signing;

/// <summary>
/// Pure building blocks of Signature Version 4: URI encoding, the canonical query string and headers, hashes.
/// Kept separate from the signer so each rule can be checked against AWS's published test-suite cases.
/// </summary>
public static class SigV4Canonical
{
    public const string Algorithm = "AWS4-HMAC-SHA256";
    public const string EmptyPayloadSha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /// <summary>RFC 3986 encoding as SigV4 wants it: unreserved characters stay, everything else is %XX of UTF-8.</summary>
    public static string UriEncode(string value, bool keepSlash)
    {
        if (IsAllUnreserved(value, keepSlash)) return value;
        var sb = new StringBuilder(value.Length * 3);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (IsUnreserved(c) || (keepSlash && c == '/')) { sb.Append(c); continue; }
            int n;
            if (char.IsHighSurrogate(c) && i + 1 < value.Length)
            {
                n = Encoding.UTF8.GetBytes(value.AsSpan(i, 2), utf8);
                i++;
            }
            else n = Encoding.UTF8.GetBytes(value.AsSpan(i, 1), utf8);
            for (var b = 0; b < n; b++) sb.Append('%').Append(HexUpper[utf8[b] >> 4]).Append(HexUpper[utf8[b] & 0xF]);
        }
        return sb.ToString();
    }

    /// <summary>
    /// The canonical URI for every service but S3: the path as sent, URI-encoded once more (so an already
    /// percent-encoded path is encoded twice, as the AWS SDKs do). An empty path is "/".
    /// </summary>
    public static string CanonicalUri(string pathAsSent) =>
        string.IsNullOrEmpty(pathAsSent) ? "/" : UriEncode(pathAsSent, keepSlash: true);

    /// <summary>Canonical query from a raw query string ("a=1&amp;b=2", with or without '?'): decode, encode, sort.</summary>
    public static string CanonicalQuery(string? rawQuery)
    {
        if (string.IsNullOrEmpty(rawQuery)) return "";
        var q = rawQuery[0] == '?' ? rawQuery[1..] : rawQuery;
        if (q.Length == 0) return "";
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var part in q.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            var name = eq < 0 ? part : part[..eq];
            var value = eq < 0 ? "" : part[(eq + 1)..];
            pairs.Add(new(Uri.UnescapeDataString(name), Uri.UnescapeDataString(value)));
        }
        return CanonicalQuery(pairs);
    }

    /// <summary>Canonical query from decoded pairs: each name and value encoded, sorted by name then value (ordinal).</summary>
    public static string CanonicalQuery(IEnumerable<KeyValuePair<string, string>> decodedPairs)
    {
        var encoded = decodedPairs
            .Select(p => (Name: UriEncode(p.Key, false), Value: UriEncode(p.Value, false)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal);
        return string.Join('&', encoded.Select(p => p.Name + "=" + p.Value));
    }

    /// <summary>Header value as canonicalised: trimmed, runs of spaces collapsed to one.</summary>
    public static string TrimAll(string value)
    {
        var v = value.Trim();
        if (!v.Contains("  ", StringComparison.Ordinal) && !v.Contains('\t') && !v.Contains('\n')) return v;
        var sb = new StringBuilder(v.Length);
        var lastSpace = false;
        foreach (var c in v)
        {
            var space = c is ' ' or '\t' or '\n' or '\r';
            if (space) { if (!lastSpace) sb.Append(' '); }
            else sb.Append(c);
            lastSpace = space;
        }
        return sb.ToString();
    }

    /// <summary>
    /// Canonical headers and the signed-header list from (name, value) pairs. Repeated names are joined with ','
    /// in the order given, as the test suite's get-header-key-duplicate case requires.
    /// </summary>
    public static (string CanonicalHeaders, string SignedHeaders) CanonicalHeaders(IEnumerable<KeyValuePair<string, string>> headers)
    {
        var map = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (name, value) in headers)
        {
            var key = name.Trim().ToLowerInvariant();
            if (!map.TryGetValue(key, out var list)) map[key] = list = [];
            list.Add(TrimAll(value));
        }
        var canonical = new StringBuilder();
        foreach (var (name, values) in map) canonical.Append(name).Append(':').AppendJoin(',', values).Append('\n');
        return (canonical.ToString(), string.Join(';', map.Keys));
    }

    public static string Sha256Hex(ReadOnlySpan<byte> data)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(data, hash);
        return ToHexLower(hash);
    }

    public static string Sha256Hex(string text)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            var n = Encoding.UTF8.GetBytes(text, bytes);
            return Sha256Hex(bytes.AsSpan(0, n));
        }
        finally { ArrayPool<byte>.Shared.Return(bytes); }
    }

    public static string ToHexLower(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    private const string HexUpper = "0123456789ABCDEF";

    private static bool IsUnreserved(char c) =>
        c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_' or '.' or '~';

    private static bool IsAllUnreserved(string value, bool keepSlash)
    {
        foreach (var c in value)
            if (!IsUnreserved(c) && !(keepSlash && c == '/')) return false;
        return true;
    }
}
