namespace LoadLab.Aws.Protocols.EventStream;

/// <summary>
/// The layout of one event-stream frame, all integers big-endian:
/// <c>total length (u32) | headers length (u32) | prelude CRC32 (u32) | headers | payload | message CRC32 (u32)</c>.
/// The prelude CRC covers the first 8 bytes; the message CRC covers everything before it (prelude CRC included).
/// CRC32 is the IEEE polynomial (zlib's).
/// </summary>
public static class EventStreamFraming
{
    public const int PreludeLength = 12;
    public const int TrailerLength = 4;
    /// <summary>A frame with no headers and no payload.</summary>
    public const int MinimumMessageLength = PreludeLength + TrailerLength;
    /// <summary>The limits AWS services enforce: 16 MiB a message, 128 KiB of headers.</summary>
    public const int MaximumMessageLength = 16 * 1024 * 1024;
    public const int MaximumHeadersLength = 128 * 1024;

    public static uint Crc32(ReadOnlySpan<byte> bytes) => System.IO.Hashing.Crc32.HashToUInt32(bytes);
}
