using System.Runtime.CompilerServices;
using System.Text;
using LoadLab.Aws.SageMakerRuntime.Streaming;
using LoadLab.SimEndpoint.Fleet;
using LoadLab.SimEndpoint.Wire;
using Microsoft.AspNetCore.Http;

namespace LoadLab.SimEndpoint.Llm;

/// <summary>
/// <c>sim-endpoint --model llm</c>: <c>POST /endpoints/{name}/invocations-response-stream</c> answers with real
/// event-stream frames, one PayloadPart per token as the instance's batch produces it (<see cref="TgiTokenFrames"/>);
/// <c>/invocations</c> answers once every token is out, with TGI's <c>[{"generated_text": ...}]</c>. Admission,
/// routing, SigV4 and the metrics are the fleet's, as for the default model: an instance admits its batch plus its queue
/// (<c>--max-batch</c> + <c>--queue</c>) and refuses the next request with SageMaker's 503 ServiceUnavailable.
/// </summary>
public sealed class LlmInvocationHandler(SimFleet fleet, LlmOptions llm, ISigV4Verifier? verifier)
{
    private const string StreamSuffix = "/invocations-response-stream";
    private const string PlainSuffix = "/invocations";
    private readonly ConditionalWeakTable<SimInstance, LlmBatcher> _batchers = new();
    private readonly TimeProvider _real = fleet.RealTime;

    /// <summary>The account named in "not found" messages.</summary>
    public string AccountId { get; set; } = "123456789012";

    /// <summary>The instance's batcher (made on first use).</summary>
    public LlmBatcher BatcherOf(SimInstance instance) => _batchers.GetValue(instance, _ => new LlmBatcher(llm, _real));

    public Task Middleware(HttpContext ctx, RequestDelegate next)
    {
        var path = ctx.Request.Path.Value;
        if (path is null || !path.StartsWith(InvocationHandler.PathPrefix, StringComparison.Ordinal)) return next(ctx);
        var stream = path.EndsWith(StreamSuffix, StringComparison.Ordinal);
        if (!stream && !path.EndsWith(PlainSuffix, StringComparison.Ordinal)) return next(ctx);
        var name = path.AsSpan(InvocationHandler.PathPrefix.Length, path.Length - InvocationHandler.PathPrefix.Length - (stream ? StreamSuffix : PlainSuffix).Length);
        if (name.IsEmpty || name.Contains('/')) return next(ctx);
        if (!HttpMethods.IsPost(ctx.Request.Method))
        {
            ctx.Response.Headers.Allow = "POST";
            return SageMakerErrors.WriteAsync(ctx, 405, "UnknownOperationException", "Invocations are POST requests.");
        }
        if (!name.SequenceEqual(fleet.Options.EndpointName))
            return SageMakerErrors.EndpointNotFoundAsync(ctx, name.ToString(), AccountId);
        return InvokeAsync(ctx, stream);
    }

    private async Task InvokeAsync(HttpContext ctx, bool stream)
    {
        var t0 = _real.GetTimestamp();
        var res = ctx.Response;
        res.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        if (verifier is not null && await verifier.VerifyAsync(ctx) is { } verdict)
        {
            await SageMakerErrors.WriteAsync(ctx, verdict.Status, verdict.ErrorType, verdict.Message);
            return;
        }
        var body = await ReadBodyAsync(ctx.Request, ctx.RequestAborted);
        var variant = fleet.ChooseVariant();
        var window = variant.Meter.Current;
        variant.Meter.CountTotal();
        Interlocked.Increment(ref window.Invocations);

        var instance = variant.Route();
        if (instance is null || !instance.TryAdmit())
        {
            Interlocked.Increment(ref window.Rejected503);
            Interlocked.Increment(ref window.Invocation5XX);
            await SageMakerErrors.ServiceUnavailableAsync(ctx);
            return;
        }
        var t1 = _real.GetTimestamp();
        var sequence = BatcherOf(instance).Submit(LlmPrompt.Read(body, llm));
        using var cancel = ctx.RequestAborted.Register(sequence.Cancel);
        var text = new StringBuilder();
        try
        {
            res.Headers["x-Amzn-Invoked-Production-Variant"] = variant.Name;
            if (stream)
            {
                res.StatusCode = 200;
                res.ContentType = ResponseStreamEvents.ContentType;
                res.Headers[InvokeEndpointWithResponseStreamWire.ContentTypeHeader] = "text/event-stream";
                await res.StartAsync(ctx.RequestAborted);
            }
            await foreach (var index in sequence.Tokens.ReadAllAsync(ctx.RequestAborted))
            {
                if (!stream)
                {
                    text.Append(TgiTokenFrames.Text(index));
                    continue;
                }
                await res.Body.WriteAsync(TgiTokenFrames.Frame(index, sequence.Prompt.OutputTokens), ctx.RequestAborted);
                await res.Body.FlushAsync(ctx.RequestAborted);
            }
            if (!stream)
            {
                var json = Encoding.UTF8.GetBytes($"[{{\"generated_text\":\"{text}\"}}]");
                res.StatusCode = 200;
                res.ContentType = "application/json";
                res.ContentLength = json.Length;
                await res.Body.WriteAsync(json, ctx.RequestAborted);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            sequence.Cancel(); // the client left; the sequence frees its place at the next step
        }
        finally
        {
            instance.Leave();
            var t2 = _real.GetTimestamp();
            window = variant.Meter.Current;
            var perUs = _real.TimestampFrequency / 1_000_000.0;
            window.ModelLatencyUs.Record((long)((t2 - t1) / perUs));
            window.OverheadLatencyUs.Record((long)((t1 - t0) / perUs));
            Interlocked.Add(ref window.BusyTicks, t2 - t1);
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest req, CancellationToken ct)
    {
        using var ms = new MemoryStream();
        await req.Body.CopyToAsync(ms, ct);
        return ms.ToArray();
    }
}
