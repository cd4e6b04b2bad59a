using System.Net;
using System.Text;
using LoadLab.Aws.Credentials;
using LoadLab.Aws.Errors;
using LoadLab.Aws.Http;
using LoadLab.Aws.Protocols.EventStream;
using LoadLab.Aws.SageMakerRuntime;
using LoadLab.Aws.SageMakerRuntime.Streaming;
using LoadLab.Aws.Signing;
using LoadLab.TestSupport;

namespace LoadLab.Aws.Tests.SageMakerRuntime;

/// <summary>InvokeEndpointWithResponseStream against a real loopback HTTP server that streams event-stream frames.</summary>
public sealed class ResponseStreamClientTests
{
    /// <summary>An HttpListener on 127.0.0.1 running one handler per request (chunked responses, flushed as written).</summary>
    private sealed class StreamingServer : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Task _loop;

        public StreamingServer(Func<HttpListenerContext, Task> handler)
        {
            for (var attempt = 0; ; attempt++)
            {
                Url = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
                _listener.Prefixes.Clear();
                _listener.Prefixes.Add(Url.ToString());
                try { _listener.Start(); break; }
                catch (HttpListenerException) when (attempt < 3) { }
            }
            _loop = Task.Run(async () =>
            {
                while (_listener.IsListening)
                {
                    HttpListenerContext ctx;
                    try { ctx = await _listener.GetContextAsync(); }
                    catch (Exception) { return; }
                    _ = Task.Run(async () =>
                    {
                        try { await handler(ctx); }
                        finally { try { ctx.Response.Close(); } catch (Exception) { } }
                    });
                }
            });
        }

        public Uri Url { get; private set; } = null!;

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
            try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
        }
    }

    private static SageMakerRuntimeClient Client(Uri url, out HttpClient http)
    {
        http = new HttpClient();
        var invoker = new AwsHttpInvoker(http, new SigV4Signer("sagemaker", "us-east-1"),
            new StaticCredentialSource(new SigningCredentials("AKID", "secret")), "SageMaker Runtime",
            AwsRetryOptions.Standard with { MaxAttempts = 1 });
        return new SageMakerRuntimeClient(invoker, url);
    }

    private static byte[] Token(string text) => ResponseStreamEvents.EncodePayloadPart(Encoding.UTF8.GetBytes($"data:{{\"token\":{{\"text\":\"{text}\"}}}}\n\n"));

    [Fact]
    public async Task Events_arrive_one_by_one_while_the_server_is_still_streaming()
    {
        var secondMayGo = new TaskCompletionSource();
        string? path = null, accept = null, auth = null, contentType = null;
        using var server = new StreamingServer(async ctx =>
        {
            path = ctx.Request.Url!.AbsolutePath;
            accept = ctx.Request.Headers["X-Amzn-SageMaker-Accept"];
            auth = ctx.Request.Headers["Authorization"];
            contentType = ctx.Request.ContentType;
            ctx.Response.StatusCode = 200;
            ctx.Response.SendChunked = true;
            ctx.Response.ContentType = ResponseStreamEvents.ContentType;
            ctx.Response.Headers["X-Amzn-SageMaker-Content-Type"] = "text/event-stream";
            ctx.Response.Headers["x-Amzn-Invoked-Production-Variant"] = "AllTraffic";
            var first = Token("Hel");
            await ctx.Response.OutputStream.WriteAsync(first);
            await ctx.Response.OutputStream.FlushAsync();
            await secondMayGo.Task.WaitAsync(TimeSpan.FromSeconds(20));
            // The second frame is split across two writes: the reader must reassemble it.
            var second = Token("lo");
            await ctx.Response.OutputStream.WriteAsync(second.AsMemory(0, 7));
            await ctx.Response.OutputStream.FlushAsync();
            await ctx.Response.OutputStream.WriteAsync(second.AsMemory(7));
        });
        var client = Client(server.Url, out var http);
        using (http)
        {
            await using var response = await client.InvokeEndpointWithResponseStreamAsync(new InvokeEndpointWithResponseStreamRequest
            {
                EndpointName = "my-llm",
                Body = Encoding.UTF8.GetBytes("{\"inputs\":\"hi\",\"parameters\":{\"max_new_tokens\":2}}"),
                ContentType = "application/json",
                Accept = "text/event-stream",
            });
            Assert.Equal("/endpoints/my-llm/invocations-response-stream", path);
            Assert.Equal("text/event-stream", accept);
            Assert.Equal("application/json", contentType);
            Assert.Contains("/us-east-1/sagemaker/aws4_request", auth);
            Assert.Equal("text/event-stream", response.ContentType);
            Assert.Equal("AllTraffic", response.InvokedProductionVariant);

            // The first event is readable while the server still holds back the second.
            var e1 = Assert.IsType<PayloadPart>(await response.ReadEventAsync());
            Assert.Contains("\"Hel\"", Encoding.UTF8.GetString(e1.Bytes.Span));
            secondMayGo.SetResult();
            var e2 = Assert.IsType<PayloadPart>(await response.ReadEventAsync());
            Assert.Contains("\"lo\"", Encoding.UTF8.GetString(e2.Bytes.Span));
            Assert.Null(await response.ReadEventAsync());
        }
    }

    [Fact]
    public async Task A_mid_stream_model_error_and_an_error_message_come_back_as_failures()
    {
        using var server = new StreamingServer(async ctx =>
        {
            ctx.Response.StatusCode = 200;
            ctx.Response.SendChunked = true;
            await ctx.Response.OutputStream.WriteAsync(Token("a"));
            await ctx.Response.OutputStream.WriteAsync(ResponseStreamEvents.EncodeException("ModelStreamError", "StreamBroken", "the model closed the connection"));
            await ctx.Response.OutputStream.WriteAsync(EventStreamEncoder.Encode(new EventStreamMessage(
            [
                new(":message-type", EventStreamHeaderValue.String("error")),
                new(":error-code", EventStreamHeaderValue.String("InternalFailure")),
                new(":error-message", EventStreamHeaderValue.String("boom")),
            ], ReadOnlyMemory<byte>.Empty)));
        });
        var client = Client(server.Url, out var http);
        using (http)
        {
            await using var response = await client.InvokeEndpointWithResponseStreamAsync(new InvokeEndpointWithResponseStreamRequest
            {
                EndpointName = "my-llm", Body = "{}"u8.ToArray(),
            });
            Assert.IsType<PayloadPart>(await response.ReadEventAsync());
            var f = Assert.IsType<ResponseStreamFailure>(await response.ReadEventAsync());
            Assert.Equal(("ModelStreamError", "StreamBroken", "the model closed the connection"), (f.Kind, f.ErrorCode, f.Message));
            var g = Assert.IsType<ResponseStreamFailure>(await response.ReadEventAsync());
            Assert.Equal(("InternalFailure", (string?)null, "boom"), (g.Kind, g.ErrorCode, g.Message));
        }
    }

    [Fact]
    public async Task A_frame_with_a_bad_crc_throws_a_format_error_for_the_caller_to_count()
    {
        using var server = new StreamingServer(async ctx =>
        {
            ctx.Response.StatusCode = 200;
            ctx.Response.SendChunked = true;
            var frame = Token("x");
            frame[^1] ^= 0x5A;
            await ctx.Response.OutputStream.WriteAsync(frame);
        });
        var client = Client(server.Url, out var http);
        using (http)
        {
            await using var response = await client.InvokeEndpointWithResponseStreamAsync(new InvokeEndpointWithResponseStreamRequest
            {
                EndpointName = "my-llm", Body = "{}"u8.ToArray(),
            });
            var e = await Assert.ThrowsAsync<EventStreamFormatException>(async () => await response.ReadEventAsync());
            Assert.Equal(EventStreamFault.MessageCrc, e.Fault);
        }
    }

    [Fact]
    public async Task An_error_status_before_the_stream_is_the_services_error()
    {
        using var server = new StreamingServer(async ctx =>
        {
            ctx.Response.StatusCode = 400;
            ctx.Response.Headers["x-amzn-ErrorType"] = "ValidationError";
            await ctx.Response.OutputStream.WriteAsync("{\"message\":\"Endpoint my-llm of account 123 not found.\"}"u8.ToArray());
        });
        var client = Client(server.Url, out var http);
        using (http)
        {
            var e = await Assert.ThrowsAsync<AwsServiceException>(() => client.InvokeEndpointWithResponseStreamAsync(
                new InvokeEndpointWithResponseStreamRequest { EndpointName = "my-llm", Body = "{}"u8.ToArray() }));
            Assert.Equal("ValidationError", e.ErrorCode);
            Assert.Equal(HttpStatusCode.BadRequest, e.StatusCode);
        }
    }
}
