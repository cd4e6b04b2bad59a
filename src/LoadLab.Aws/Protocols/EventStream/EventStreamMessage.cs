namespace LoadLab.Aws.Protocols.EventStream;

/// <summary>One decoded (or to-be-encoded) event-stream message: its headers in wire order and its payload.</summary>
public sealed record EventStreamMessage(IReadOnlyList<EventStreamHeader> Headers, ReadOnlyMemory<byte> Payload)
{
    /// <summary>The first header of that name (names compare exactly, as the protocol's are lower-case), or null.</summary>
    public EventStreamHeaderValue? Header(string name)
    {
        foreach (var h in Headers)
            if (string.Equals(h.Name, name, StringComparison.Ordinal)) return h.Value;
        return null;
    }

    /// <summary>A string header's value, or null when absent or not a string.</summary>
    public string? StringHeader(string name) => Header(name)?.AsString;
}

/// <summary>What went wrong with a frame: each is a different way a stream can be broken or lie.</summary>
public enum EventStreamFault
{
    /// <summary>The prelude's CRC32 does not match the 8 bytes of lengths.</summary>
    PreludeCrc,
    /// <summary>The message's trailing CRC32 does not match the bytes before it.</summary>
    MessageCrc,
    /// <summary>The stream ended inside a frame.</summary>
    Truncated,
    /// <summary>Lengths or headers that cannot be laid out (too short, too long, unknown type, header past its section).</summary>
    Malformed,
}

/// <summary>A frame that is not valid event-stream framing. Decoding cannot go on after one (frame boundaries are lost).</summary>
public sealed class EventStreamFormatException(EventStreamFault fault, string message) : Exception(message)
{
    public EventStreamFault Fault { get; } = fault;
}
