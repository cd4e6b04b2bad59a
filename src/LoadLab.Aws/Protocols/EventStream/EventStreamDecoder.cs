using System.Buffers.Binary;
using System.Text;

namespace LoadLab.Aws.Protocols.EventStream;

/// <summary>
/// Incremental decoder: <see cref="Feed"/> whatever bytes arrived (any chunking: a frame split across reads, several
/// frames in one read), then <see cref="TryRead"/> until it says false. Both CRCs are checked before a message is
/// handed out; a fault throws <see cref="EventStreamFormatException"/> and the decoder is unusable after it (the
/// frame boundaries can no longer be trusted). Not thread-safe.
/// </summary>
public sealed class EventStreamDecoder
{
    private byte[] _buffer = new byte[4096];
    private int _start, _end;
    private bool _failed;

    /// <summary>Bytes received and not yet part of a decoded message.</summary>
    public int Buffered => _end - _start;

    public void Feed(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty) return;
        if (_end + bytes.Length > _buffer.Length)
        {
            var needed = Buffered + bytes.Length;
            if (needed > _buffer.Length)
            {
                var bigger = new byte[Math.Max(needed, _buffer.Length * 2)];
                _buffer.AsSpan(_start, Buffered).CopyTo(bigger);
                _buffer = bigger;
            }
            else
            {
                _buffer.AsSpan(_start, Buffered).CopyTo(_buffer);
            }
            _end = Buffered;
            _start = 0;
        }
        bytes.CopyTo(_buffer.AsSpan(_end));
        _end += bytes.Length;
    }

    /// <summary>The next whole message, or false when more bytes are needed.</summary>
    public bool TryRead(out EventStreamMessage message)
    {
        message = null!;
        if (_failed) throw new InvalidOperationException("the decoder stopped at a broken frame");
        var available = _buffer.AsSpan(_start, Buffered);
        if (available.Length < EventStreamFraming.PreludeLength) return false;
        try
        {
            var total = CheckPrelude(available);
            if (available.Length < total) return false;
            message = Decode(available[..total]);
            _start += total;
            if (_start == _end) _start = _end = 0;
            return true;
        }
        catch (EventStreamFormatException)
        {
            _failed = true;
            throw;
        }
    }

    /// <summary>Call at the end of the stream: leftover bytes mean the last frame was cut short.</summary>
    public void Complete()
    {
        if (Buffered > 0)
        {
            _failed = true;
            throw new EventStreamFormatException(EventStreamFault.Truncated,
                $"the stream ended inside a frame ({Buffered} bytes of an unfinished message)");
        }
    }

    /// <summary>Decodes exactly one whole frame (the span must be the frame, no more, no less).</summary>
    public static EventStreamMessage DecodeFrame(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < EventStreamFraming.PreludeLength)
            throw new EventStreamFormatException(EventStreamFault.Truncated, $"{frame.Length} bytes is shorter than a prelude");
        var total = CheckPrelude(frame);
        if (frame.Length < total)
            throw new EventStreamFormatException(EventStreamFault.Truncated, $"the frame says {total} bytes but {frame.Length} arrived");
        if (frame.Length > total)
            throw new EventStreamFormatException(EventStreamFault.Malformed, $"the frame says {total} bytes but {frame.Length} were given");
        return Decode(frame);
    }

    private static int CheckPrelude(ReadOnlySpan<byte> bytes)
    {
        var total = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        var headers = BinaryPrimitives.ReadUInt32BigEndian(bytes[4..]);
        var expected = BinaryPrimitives.ReadUInt32BigEndian(bytes[8..]);
        var actual = EventStreamFraming.Crc32(bytes[..8]);
        if (actual != expected)
            throw new EventStreamFormatException(EventStreamFault.PreludeCrc,
                $"prelude CRC32 is 0x{expected:x8} but the lengths hash to 0x{actual:x8}");
        if (total < EventStreamFraming.MinimumMessageLength || total > EventStreamFraming.MaximumMessageLength)
            throw new EventStreamFormatException(EventStreamFault.Malformed, $"total length {total} is outside 16..{EventStreamFraming.MaximumMessageLength}");
        if (headers > EventStreamFraming.MaximumHeadersLength || headers > total - EventStreamFraming.MinimumMessageLength)
            throw new EventStreamFormatException(EventStreamFault.Malformed, $"headers length {headers} does not fit a {total}-byte message");
        return (int)total;
    }

    private static EventStreamMessage Decode(ReadOnlySpan<byte> frame)
    {
        var crcAt = frame.Length - EventStreamFraming.TrailerLength;
        var expected = BinaryPrimitives.ReadUInt32BigEndian(frame[crcAt..]);
        var actual = EventStreamFraming.Crc32(frame[..crcAt]);
        if (actual != expected)
            throw new EventStreamFormatException(EventStreamFault.MessageCrc,
                $"message CRC32 is 0x{expected:x8} but the message hashes to 0x{actual:x8}");
        var headersLength = (int)BinaryPrimitives.ReadUInt32BigEndian(frame[4..]);
        var headers = ReadHeaders(frame.Slice(EventStreamFraming.PreludeLength, headersLength));
        var payload = frame[(EventStreamFraming.PreludeLength + headersLength)..crcAt].ToArray();
        return new EventStreamMessage(headers, payload);
    }

    private static List<EventStreamHeader> ReadHeaders(ReadOnlySpan<byte> section)
    {
        var list = new List<EventStreamHeader>();
        var at = 0;
        while (at < section.Length)
        {
            var nameLength = section[at++];
            if (nameLength == 0) throw Malformed("a header name is empty");
            Need(section, at, nameLength + 1);
            var name = Encoding.UTF8.GetString(section.Slice(at, nameLength));
            at += nameLength;
            var type = (EventStreamHeaderType)section[at++];
            EventStreamHeaderValue value;
            switch (type)
            {
                case EventStreamHeaderType.BoolTrue: value = EventStreamHeaderValue.Bool(true); break;
                case EventStreamHeaderType.BoolFalse: value = EventStreamHeaderValue.Bool(false); break;
                case EventStreamHeaderType.Byte:
                    Need(section, at, 1);
                    value = EventStreamHeaderValue.Byte(unchecked((sbyte)section[at]));
                    at += 1;
                    break;
                case EventStreamHeaderType.Short:
                    Need(section, at, 2);
                    value = EventStreamHeaderValue.Short(BinaryPrimitives.ReadInt16BigEndian(section[at..]));
                    at += 2;
                    break;
                case EventStreamHeaderType.Int:
                    Need(section, at, 4);
                    value = EventStreamHeaderValue.Int(BinaryPrimitives.ReadInt32BigEndian(section[at..]));
                    at += 4;
                    break;
                case EventStreamHeaderType.Long:
                    Need(section, at, 8);
                    value = EventStreamHeaderValue.Long(BinaryPrimitives.ReadInt64BigEndian(section[at..]));
                    at += 8;
                    break;
                case EventStreamHeaderType.Timestamp:
                    Need(section, at, 8);
                    value = EventStreamHeaderValue.Timestamp(DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64BigEndian(section[at..])));
                    at += 8;
                    break;
                case EventStreamHeaderType.Uuid:
                    Need(section, at, 16);
                    value = EventStreamHeaderValue.Uuid(new Guid(section.Slice(at, 16), bigEndian: true));
                    at += 16;
                    break;
                case EventStreamHeaderType.ByteArray or EventStreamHeaderType.String:
                {
                    Need(section, at, 2);
                    var n = BinaryPrimitives.ReadUInt16BigEndian(section[at..]);
                    at += 2;
                    Need(section, at, n);
                    var bytes = section.Slice(at, n);
                    value = type == EventStreamHeaderType.String
                        ? EventStreamHeaderValue.String(Encoding.UTF8.GetString(bytes))
                        : EventStreamHeaderValue.Bytes(bytes.ToArray());
                    at += n;
                    break;
                }
                default:
                    throw Malformed($"header '{name}' has unknown value type {(byte)type}");
            }
            list.Add(new EventStreamHeader(name, value));
        }
        return list;
    }

    private static void Need(ReadOnlySpan<byte> section, int at, int count)
    {
        if (at + count > section.Length) throw Malformed("a header runs past the end of the headers section");
    }

    private static EventStreamFormatException Malformed(string what) => new(EventStreamFault.Malformed, what);
}
