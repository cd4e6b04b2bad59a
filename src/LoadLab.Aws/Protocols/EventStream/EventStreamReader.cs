using System.Buffers;

namespace LoadLab.Aws.Protocols.EventStream;

/// <summary>
/// Reads messages from a byte stream (an HTTP response body) as they arrive: each call returns as soon as one whole
/// message is in, whatever the read boundaries. Null at a clean end of stream; a stream that ends inside a frame, or a
/// frame that fails a CRC, throws <see cref="EventStreamFormatException"/>.
/// </summary>
public sealed class EventStreamReader(Stream stream, int readSize = 16 * 1024)
{
    private readonly EventStreamDecoder _decoder = new();
    private bool _ended;

    public async ValueTask<EventStreamMessage?> ReadAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (_decoder.TryRead(out var message)) return message;
            if (_ended) return null;
            var buffer = ArrayPool<byte>.Shared.Rent(readSize);
            try
            {
                var n = await stream.ReadAsync(buffer.AsMemory(0, readSize), cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    _ended = true;
                    _decoder.Complete();
                    return null;
                }
                _decoder.Feed(buffer.AsSpan(0, n));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }
}
