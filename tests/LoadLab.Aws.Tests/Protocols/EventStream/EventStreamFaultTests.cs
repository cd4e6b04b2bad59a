using System.Text;
using LoadLab.Aws.Protocols.EventStream;

namespace LoadLab.Aws.Tests.Protocols.EventStream;

/// <summary>Broken frames: each CRC, truncation, impossible lengths; and incremental decoding at any chunking.</summary>
public sealed class EventStreamFaultTests
{
    // aws-c-event-stream's one-header vector (see Vectors/c_one_string_header.json).
    private static byte[] Frame() => Convert.FromHexString(
        "0000003d0000002007fd83960c636f6e74656e742d747970650700106170706c69636174696f6e2f6a736f6e7b27666f6f273a27626172277d8d9c08b1");

    private static byte[] Message(string eventType, string payload) => EventStreamEncoder.Encode(new EventStreamMessage(
        [new(":event-type", EventStreamHeaderValue.String(eventType)), new(":message-type", EventStreamHeaderValue.String("event"))],
        Encoding.UTF8.GetBytes(payload)));

    [Fact]
    public void A_flipped_bit_in_the_lengths_fails_the_prelude_crc()
    {
        var f = Frame();
        f[7] ^= 0x01;
        var e = Assert.Throws<EventStreamFormatException>(() => EventStreamDecoder.DecodeFrame(f));
        Assert.Equal(EventStreamFault.PreludeCrc, e.Fault);
    }

    [Fact]
    public void A_flipped_bit_in_the_payload_fails_the_message_crc()
    {
        var f = Frame();
        f[^6] ^= 0x20;
        var e = Assert.Throws<EventStreamFormatException>(() => EventStreamDecoder.DecodeFrame(f));
        Assert.Equal(EventStreamFault.MessageCrc, e.Fault);
    }

    [Fact]
    public void A_wrong_message_crc_itself_fails()
    {
        var f = Frame();
        f[^1] ^= 0xFF;
        Assert.Equal(EventStreamFault.MessageCrc, Assert.Throws<EventStreamFormatException>(() => EventStreamDecoder.DecodeFrame(f)).Fault);
    }

    [Fact]
    public void A_headers_length_past_the_message_is_malformed_even_with_a_good_prelude_crc()
    {
        var f = Frame();
        f[7] = 0x40; // 64 bytes of headers in a 61-byte message
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(f.AsSpan(8), EventStreamFraming.Crc32(f.AsSpan(0, 8)));
        Assert.Equal(EventStreamFault.Malformed, Assert.Throws<EventStreamFormatException>(() => EventStreamDecoder.DecodeFrame(f)).Fault);
    }

    [Fact]
    public void An_unknown_header_type_is_malformed()
    {
        var f = Frame();
        f[12 + 1 + 12] = 42; // the type byte of content-type
        // Re-seal the message CRC so only the header is wrong.
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(f.AsSpan(f.Length - 4), EventStreamFraming.Crc32(f.AsSpan(0, f.Length - 4)));
        Assert.Equal(EventStreamFault.Malformed, Assert.Throws<EventStreamFormatException>(() => EventStreamDecoder.DecodeFrame(f)).Fault);
    }

    [Fact]
    public void A_stream_that_ends_inside_a_frame_is_truncated()
    {
        var f = Frame();
        var d = new EventStreamDecoder();
        d.Feed(f.AsSpan(0, f.Length - 5));
        Assert.False(d.TryRead(out _));
        Assert.Equal(EventStreamFault.Truncated, Assert.Throws<EventStreamFormatException>(d.Complete).Fault);
    }

    [Fact]
    public async Task The_reader_reports_truncation_at_the_end_of_the_body()
    {
        var f = Frame();
        var reader = new EventStreamReader(new MemoryStream(f[..20]));
        var e = await Assert.ThrowsAsync<EventStreamFormatException>(async () => await reader.ReadAsync());
        Assert.Equal(EventStreamFault.Truncated, e.Fault);
    }

    [Fact]
    public void Every_split_of_three_frames_decodes_the_same_three_messages()
    {
        var all = Message("PayloadPart", "data:{\"token\":{\"text\":\"a\"}}\n").Concat(Frame()).Concat(Message("PayloadPart", "x")).ToArray();
        for (var chunk = 1; chunk <= all.Length; chunk++)
        {
            var d = new EventStreamDecoder();
            var got = new List<EventStreamMessage>();
            for (var at = 0; at < all.Length; at += chunk)
            {
                d.Feed(all.AsSpan(at, Math.Min(chunk, all.Length - at)));
                while (d.TryRead(out var m)) got.Add(m);
            }
            d.Complete();
            Assert.Equal(3, got.Count);
            Assert.Equal("PayloadPart", got[0].StringHeader(":event-type"));
            Assert.Equal("application/json", got[1].StringHeader("content-type"));
            Assert.Equal("x", Encoding.UTF8.GetString(got[2].Payload.Span));
            Assert.Equal(0, d.Buffered);
        }
    }

    [Fact]
    public async Task The_reader_returns_each_message_as_soon_as_its_last_byte_arrives()
    {
        var first = Message("PayloadPart", "one");
        var pipe = new System.IO.Pipelines.Pipe();
        var reader = new EventStreamReader(pipe.Reader.AsStream());
        await pipe.Writer.WriteAsync(first.AsMemory(0, 10));
        var pending = reader.ReadAsync().AsTask();
        Assert.False(pending.IsCompleted);
        await pipe.Writer.WriteAsync(first.AsMemory(10));
        var m = await pending.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("one", Encoding.UTF8.GetString(m!.Payload.Span));
        await pipe.Writer.CompleteAsync();
        Assert.Null(await reader.ReadAsync());
    }

    [Fact]
    public void A_broken_decoder_refuses_to_go_on()
    {
        var f = Frame();
        f[^1] ^= 1;
        var d = new EventStreamDecoder();
        d.Feed(f);
        Assert.Throws<EventStreamFormatException>(() => d.TryRead(out _));
        Assert.Throws<InvalidOperationException>(() => d.TryRead(out _));
    }
}
