using System.Buffers;
using LoadLab.Aws.Protocols.EventStream;
using LoadLab.Aws.SageMakerRuntime.Streaming;

namespace LoadLab.Engine.Targets.Streaming;

/// <summary>
/// Reads a successful streamed body to its end, timing each token as it arrives. Broken framing and in-band failures
/// are outcomes, never exceptions: a frame that fails a CRC, is malformed or is cut short is a
/// <see cref="OutcomeClass.ServerError"/> ("broken event stream: ..."); a <c>ModelStreamError</c> is a
/// <see cref="OutcomeClass.ModelError"/> (the model's own failure, as HTTP 424 is); <c>InternalStreamFailure</c> and
/// <c>:message-type error</c> messages are <see cref="OutcomeClass.ServerError"/>. Cancellation and transport errors
/// propagate to the caller, which classifies them as for any request (timeout, connection).
/// </summary>
public static class StreamingBodyReader
{
    private const int ReadSize = 16 * 1024;

    /// <summary>A SageMaker InvokeEndpointWithResponseStream body: event-stream frames carrying PayloadParts.</summary>
    public static async ValueTask<RequestOutcome> ReadEventStreamAsync(Stream body, int status, TimeProvider time, CancellationToken ct)
    {
        var reader = new EventStreamReader(body, ReadSize);
        var counter = new TokenLineCounter();
        var timeline = new TokenTimeline();
        while (true)
        {
            EventStreamMessage? message;
            try
            {
                message = await reader.ReadAsync(ct).ConfigureAwait(false);
            }
            catch (EventStreamFormatException e)
            {
                return new RequestOutcome(OutcomeClass.ServerError, status, $"broken event stream: {Describe(e.Fault)}") { Tokens = timeline };
            }
            if (message is null) break;
            switch (ResponseStreamEvents.Interpret(message))
            {
                case PayloadPart part:
                    timeline.Arrived(counter.Feed(part.Bytes.Span), time.GetTimestamp());
                    break;
                case ResponseStreamFailure failure:
                    var cls = failure.Kind == "ModelStreamError" ? OutcomeClass.ModelError : OutcomeClass.ServerError;
                    var detail = failure.ErrorCode is null ? failure.Kind : $"{failure.Kind} ({failure.ErrorCode})";
                    return new RequestOutcome(cls, status, detail) { Tokens = timeline };
            }
        }
        timeline.Arrived(counter.Finish(), time.GetTimestamp());
        return RequestOutcome.Ok(status) with { Tokens = timeline };
    }

    /// <summary>A plain HTTP body streamed as SSE or JSON lines (no event-stream framing).</summary>
    public static async ValueTask<RequestOutcome> ReadLinesAsync(Stream body, int status, TimeProvider time, CancellationToken ct)
    {
        var counter = new TokenLineCounter();
        var timeline = new TokenTimeline();
        var buffer = ArrayPool<byte>.Shared.Rent(ReadSize);
        try
        {
            int n;
            while ((n = await body.ReadAsync(buffer.AsMemory(0, ReadSize), ct).ConfigureAwait(false)) > 0)
                timeline.Arrived(counter.Feed(buffer.AsSpan(0, n)), time.GetTimestamp());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        timeline.Arrived(counter.Finish(), time.GetTimestamp());
        return RequestOutcome.Ok(status) with { Tokens = timeline };
    }

    private static string Describe(EventStreamFault fault) => fault switch
    {
        EventStreamFault.PreludeCrc => "prelude CRC mismatch",
        EventStreamFault.MessageCrc => "message CRC mismatch",
        EventStreamFault.Truncated => "truncated frame",
        _ => "malformed frame",
    };
}
