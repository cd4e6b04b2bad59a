using System.Text.Json;
using LoadLab.Aws.Protocols.EventStream;

namespace LoadLab.Aws.SageMakerRuntime.Streaming;

/// <summary>
/// One event of InvokeEndpointWithResponseStream's <c>ResponseStream</c> union: a <see cref="PayloadPart"/>, or a
/// failure the stream reports in-band (<see cref="ResponseStreamFailure"/>): the modelled exceptions
/// <c>ModelStreamError</c> (with an ErrorCode such as ModelInvocationTimeExceeded or StreamBroken) and
/// <c>InternalStreamFailure</c>, or an event-stream <c>:message-type error</c> message.
/// </summary>
public abstract record ResponseStreamEvent;

/// <summary>A piece of the model's response (<c>PayloadPart.Bytes</c>); parts are cut where the container flushed.</summary>
public sealed record PayloadPart(ReadOnlyMemory<byte> Bytes) : ResponseStreamEvent;

/// <param name="Kind">The exception shape (ModelStreamError, InternalStreamFailure), or the <c>:error-code</c> of an error message.</param>
/// <param name="ErrorCode">ModelStreamError's ErrorCode member, when present.</param>
public sealed record ResponseStreamFailure(string Kind, string? ErrorCode, string Message) : ResponseStreamEvent
{
    public string Describe() => ErrorCode is null ? $"{Kind}: {Message}" : $"{Kind} ({ErrorCode}): {Message}";
}

/// <summary>An event type this client does not know (the union may grow); skipped by readers.</summary>
public sealed record UnknownStreamEvent(string? EventType) : ResponseStreamEvent;

/// <summary>Pure mapping from event-stream messages to <see cref="ResponseStreamEvent"/>s.</summary>
public static class ResponseStreamEvents
{
    public const string ContentType = "application/vnd.amazon.eventstream";

    public static ResponseStreamEvent Interpret(EventStreamMessage message)
    {
        var messageType = message.StringHeader(":message-type") ?? "event";
        switch (messageType)
        {
            case "event":
                var eventType = message.StringHeader(":event-type");
                return eventType == "PayloadPart" ? new PayloadPart(message.Payload) : new UnknownStreamEvent(eventType);
            case "exception":
            {
                var kind = message.StringHeader(":exception-type") ?? "UnknownException";
                var (code, text) = ReadErrorBody(message.Payload.Span);
                return new ResponseStreamFailure(kind, code, text ?? "(no message)");
            }
            case "error":
                return new ResponseStreamFailure(message.StringHeader(":error-code") ?? "UnknownError", null,
                    message.StringHeader(":error-message") ?? "(no message)");
            default:
                return new UnknownStreamEvent(messageType);
        }
    }

    /// <summary>The JSON members of an exception event: ErrorCode and Message (either case of the first letter).</summary>
    private static (string? Code, string? Message) ReadErrorBody(ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty) return (null, null);
        try
        {
            var reader = new Utf8JsonReader(payload);
            using var doc = JsonDocument.ParseValue(ref reader);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return (null, null);
            string? code = null, text = null;
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (p.Value.ValueKind != JsonValueKind.String) continue;
                if (p.NameEquals("ErrorCode") || p.NameEquals("errorCode")) code = p.Value.GetString();
                else if (p.NameEquals("Message") || p.NameEquals("message")) text = p.Value.GetString();
            }
            return (code, text);
        }
        catch (JsonException)
        {
            return (null, System.Text.Encoding.UTF8.GetString(payload[..Math.Min(payload.Length, 256)]));
        }
    }

    /// <summary>A PayloadPart frame as SageMaker sends it (the simulator and tests use this).</summary>
    public static byte[] EncodePayloadPart(ReadOnlyMemory<byte> bytes) => EventStreamEncoder.Encode(new EventStreamMessage(
    [
        new(":event-type", EventStreamHeaderValue.String("PayloadPart")),
        new(":content-type", EventStreamHeaderValue.String("application/octet-stream")),
        new(":message-type", EventStreamHeaderValue.String("event")),
    ], bytes));

    /// <summary>An in-band exception frame (ModelStreamError or InternalStreamFailure) with its JSON body.</summary>
    public static byte[] EncodeException(string kind, string? errorCode, string message)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(errorCode is null
            ? new Dictionary<string, string> { ["Message"] = message }
            : new Dictionary<string, string> { ["Message"] = message, ["ErrorCode"] = errorCode });
        return EventStreamEncoder.Encode(new EventStreamMessage(
        [
            new(":exception-type", EventStreamHeaderValue.String(kind)),
            new(":content-type", EventStreamHeaderValue.String("application/json")),
            new(":message-type", EventStreamHeaderValue.String("exception")),
        ], body));
    }
}
