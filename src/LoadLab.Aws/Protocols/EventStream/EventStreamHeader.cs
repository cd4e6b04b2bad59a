namespace LoadLab.Aws.Protocols.EventStream;

/// <summary>The type byte of a header value in the AWS event-stream framing (the number is the wire value).</summary>
public enum EventStreamHeaderType : byte
{
    BoolTrue = 0,
    BoolFalse = 1,
    Byte = 2,
    Short = 3,
    Int = 4,
    Long = 5,
    ByteArray = 6,
    String = 7,
    /// <summary>Milliseconds since the Unix epoch, signed 64-bit.</summary>
    Timestamp = 8,
    /// <summary>16 bytes, in the order they are written (big-endian <see cref="Guid"/>).</summary>
    Uuid = 9,
}

/// <summary>
/// One header value. <see cref="Value"/> holds a <see cref="bool"/>, <see cref="sbyte"/>, <see cref="short"/>,
/// <see cref="int"/>, <see cref="long"/>, <c>byte[]</c>, <see cref="string"/>, <see cref="DateTimeOffset"/> or
/// <see cref="Guid"/> as <see cref="Type"/> says; build one with the static factories.
/// </summary>
public sealed record EventStreamHeaderValue(EventStreamHeaderType Type, object Value)
{
    public static EventStreamHeaderValue Bool(bool v) => new(v ? EventStreamHeaderType.BoolTrue : EventStreamHeaderType.BoolFalse, v);
    public static EventStreamHeaderValue Byte(sbyte v) => new(EventStreamHeaderType.Byte, v);
    public static EventStreamHeaderValue Short(short v) => new(EventStreamHeaderType.Short, v);
    public static EventStreamHeaderValue Int(int v) => new(EventStreamHeaderType.Int, v);
    public static EventStreamHeaderValue Long(long v) => new(EventStreamHeaderType.Long, v);
    public static EventStreamHeaderValue Bytes(byte[] v) => new(EventStreamHeaderType.ByteArray, v);
    public static EventStreamHeaderValue String(string v) => new(EventStreamHeaderType.String, v);
    public static EventStreamHeaderValue Timestamp(DateTimeOffset v) => new(EventStreamHeaderType.Timestamp, v);
    public static EventStreamHeaderValue Uuid(Guid v) => new(EventStreamHeaderType.Uuid, v);

    /// <summary>The value as text when it is a string header, else null.</summary>
    public string? AsString => Value as string;
}

/// <summary>A named header of an event-stream message (names are at most 255 bytes of UTF-8).</summary>
public sealed record EventStreamHeader(string Name, EventStreamHeaderValue Value);
