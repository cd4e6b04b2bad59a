using System.Security.Cryptography;

namespace LoadLab.Engine.Payloads;

/// <summary>One request body, held in memory with its SHA-256 (hex, lower case) precomputed for SigV4.</summary>
public sealed class Payload
{
    public Payload(byte[] body, string? name = null)
    {
        Body = body;
        Name = name;
        Sha256Hex = Convert.ToHexStringLower(SHA256.HashData(body));
    }

    public byte[] Body { get; }
    public string Sha256Hex { get; }
    /// <summary>Where it came from (file name, or "line N"), for messages.</summary>
    public string? Name { get; }
}
