using System.Buffers.Binary;
using System.Text;

namespace LoadLab.Aws.Protocols.EventStream;

/// <summary>Writes event-stream frames (the simulator's streaming responses, and tests).</summary>
public static class EventStreamEncoder
{
    public static byte[] Encode(EventStreamMessage message)
    {
        var headersLength = 0;
        foreach (var h in message.Headers) headersLength += HeaderLength(h);
        if (headersLength > EventStreamFraming.MaximumHeadersLength)
            throw new ArgumentException($"headers take {headersLength} bytes; the limit is {EventStreamFraming.MaximumHeadersLength}", nameof(message));
        var total = EventStreamFraming.MinimumMessageLength + headersLength + message.Payload.Length;
        if (total > EventStreamFraming.MaximumMessageLength)
            throw new ArgumentException($"the message would take {total} bytes; the limit is {EventStreamFraming.MaximumMessageLength}", nameof(message));

        var frame = new byte[total];
        var span = frame.AsSpan();
        BinaryPrimitives.WriteUInt32BigEndian(span, (uint)total);
        BinaryPrimitives.WriteUInt32BigEndian(span[4..], (uint)headersLength);
        BinaryPrimitives.WriteUInt32BigEndian(span[8..], EventStreamFraming.Crc32(span[..8]));
        var at = EventStreamFraming.PreludeLength;
        foreach (var h in message.Headers) at += WriteHeader(span[at..], h);
        message.Payload.Span.CopyTo(span[at..]);
        at += message.Payload.Length;
        BinaryPrimitives.WriteUInt32BigEndian(span[at..], EventStreamFraming.Crc32(span[..at]));
        return frame;
    }

    private static int HeaderLength(EventStreamHeader h)
    {
        var name = Encoding.UTF8.GetByteCount(h.Name);
        if (name is 0 or > 255) throw new ArgumentException($"header name '{h.Name}' must be 1 to 255 bytes of UTF-8");
        return 1 + name + 1 + ValueLength(h.Value);
    }

    private static int ValueLength(EventStreamHeaderValue v) => v.Type switch
    {
        EventStreamHeaderType.BoolTrue or EventStreamHeaderType.BoolFalse => 0,
        EventStreamHeaderType.Byte => 1,
        EventStreamHeaderType.Short => 2,
        EventStreamHeaderType.Int => 4,
        EventStreamHeaderType.Long or EventStreamHeaderType.Timestamp => 8,
        EventStreamHeaderType.Uuid => 16,
        EventStreamHeaderType.ByteArray => 2 + CheckedVariable(((byte[])v.Value).Length),
        EventStreamHeaderType.String => 2 + CheckedVariable(Encoding.UTF8.GetByteCount((string)v.Value)),
        _ => throw new ArgumentException($"unknown header type {v.Type}"),
    };

    private static int CheckedVariable(int length) =>
        length <= short.MaxValue ? length : throw new ArgumentException($"a header value of {length} bytes is over the 32767-byte limit");

    private static int WriteHeader(Span<byte> span, EventStreamHeader h)
    {
        var nameLength = Encoding.UTF8.GetBytes(h.Name, span[1..]);
        span[0] = (byte)nameLength;
        var at = 1 + nameLength;
        var v = h.Value;
        span[at++] = (byte)v.Type;
        switch (v.Type)
        {
            case EventStreamHeaderType.BoolTrue or EventStreamHeaderType.BoolFalse:
                break;
            case EventStreamHeaderType.Byte:
                span[at++] = unchecked((byte)(sbyte)v.Value);
                break;
            case EventStreamHeaderType.Short:
                BinaryPrimitives.WriteInt16BigEndian(span[at..], (short)v.Value);
                at += 2;
                break;
            case EventStreamHeaderType.Int:
                BinaryPrimitives.WriteInt32BigEndian(span[at..], (int)v.Value);
                at += 4;
                break;
            case EventStreamHeaderType.Long:
                BinaryPrimitives.WriteInt64BigEndian(span[at..], (long)v.Value);
                at += 8;
                break;
            case EventStreamHeaderType.Timestamp:
                BinaryPrimitives.WriteInt64BigEndian(span[at..], ((DateTimeOffset)v.Value).ToUnixTimeMilliseconds());
                at += 8;
                break;
            case EventStreamHeaderType.Uuid:
                ((Guid)v.Value).TryWriteBytes(span[at..], bigEndian: true, out _);
                at += 16;
                break;
            case EventStreamHeaderType.ByteArray:
            {
                var bytes = (byte[])v.Value;
                BinaryPrimitives.WriteUInt16BigEndian(span[at..], (ushort)bytes.Length);
                bytes.CopyTo(span[(at + 2)..]);
                at += 2 + bytes.Length;
                break;
            }
            case EventStreamHeaderType.String:
            {
                var n = Encoding.UTF8.GetBytes((string)v.Value, span[(at + 2)..]);
                BinaryPrimitives.WriteUInt16BigEndian(span[at..], (ushort)n);
                at += 2 + n;
                break;
            }
        }
        return at;
    }
}
