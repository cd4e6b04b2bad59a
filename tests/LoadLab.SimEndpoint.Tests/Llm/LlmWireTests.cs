using System.Net;
using System.Text;
using LoadLab.Aws.Protocols.EventStream;
using LoadLab.Aws.SageMakerRuntime.Streaming;
using LoadLab.SimEndpoint.Llm;
using LoadLab.SimEndpoint.Options;

namespace LoadLab.SimEndpoint.Tests.Llm;

/// <summary>The LLM mode over real HTTP: event-stream frames of TGI token lines, batching, and the full-queue 503.</summary>
public sealed class LlmWireTests
{
    private static SimEndpointOptions Llm(int maxBatch, int queue, int decodeMs, int perSequenceMs) => new()
    {
        EndpointName = "llm",
        Model = SimModelKind.Llm,
        Workers = maxBatch,
        Queue = queue,
        Llm = new LlmOptions
        {
            MaxBatch = maxBatch,
            DecodeStep = TimeSpan.FromMilliseconds(decodeMs),
            DecodeStepPerSequence = TimeSpan.FromMilliseconds(perSequenceMs),
            PrefillPerInputToken = TimeSpan.Zero,
        },
    };

    private static Uri Base(LoadLab.SimEndpoint.Hosting.SimEndpointHandle sim) => new(sim.Url.TrimEnd('/') + "/");

    private static HttpRequestMessage Request(Uri baseUrl, int tokens) => new(HttpMethod.Post, new Uri(baseUrl, "endpoints/llm/invocations-response-stream"))
    {
        Content = new StringContent($"{{\"inputs\":\"Tell me a story\",\"parameters\":{{\"max_new_tokens\":{tokens}}}}}", Encoding.UTF8, "application/json"),
    };

    /// <summary>Sends one streaming request; returns each token line and when its frame arrived after the send.</summary>
    private static async Task<(HttpStatusCode Status, List<string> Lines, TimeSpan FirstToken)> StreamAsync(HttpClient http, Uri url, int tokens)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var response = await http.SendAsync(Request(url, tokens), HttpCompletionOption.ResponseHeadersRead);
        var lines = new List<string>();
        var first = TimeSpan.Zero;
        if (response.StatusCode != HttpStatusCode.OK) return (response.StatusCode, lines, first);
        Assert.Equal(ResponseStreamEvents.ContentType, response.Content.Headers.ContentType!.MediaType);
        var reader = new EventStreamReader(await response.Content.ReadAsStreamAsync());
        while (await reader.ReadAsync() is { } m)
        {
            if (lines.Count == 0) first = clock.Elapsed;
            var part = Assert.IsType<PayloadPart>(ResponseStreamEvents.Interpret(m));
            lines.Add(Encoding.UTF8.GetString(part.Bytes.Span));
        }
        return (response.StatusCode, lines, first);
    }

    [Fact]
    public async Task Each_request_streams_its_tokens_as_tgi_lines_in_event_stream_frames()
    {
        await using var sim = await SimHost.StartAsync(Llm(maxBatch: 4, queue: 4, decodeMs: 2, perSequenceMs: 1));
        using var http = new HttpClient();
        var (status, lines, _) = await StreamAsync(http, Base(sim), tokens: 6);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(6, lines.Count);
        Assert.All(lines, l => Assert.StartsWith("data:{\"token\":{\"id\":", l));
        Assert.Contains("\"generated_text\":null", lines[0]);
        Assert.Contains("\"generated_text\":\"the load is steady and every\"", lines[5]);

        // Non-streaming InvokeEndpoint on the same model: the whole text at once.
        using var plain = await http.PostAsync(new Uri(Base(sim), "endpoints/llm/invocations"),
            new StringContent("{\"inputs\":\"x\",\"parameters\":{\"max_new_tokens\":3}}", Encoding.UTF8, "application/json"));
        Assert.Equal("[{\"generated_text\":\"the load is\"}]", await plain.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Time_to_first_token_grows_when_the_batch_is_full()
    {
        // 40 ms a step alone; a batch of 8 that joins at once takes 40 + 7 × 40 = 320 ms for its first step.
        await using var sim = await SimHost.StartAsync(Llm(maxBatch: 8, queue: 8, decodeMs: 40, perSequenceMs: 40));
        using var http = new HttpClient();
        await StreamAsync(http, Base(sim), tokens: 1); // warm the connection pool and the JIT
        var alone = await StreamAsync(http, Base(sim), tokens: 4);
        var together = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => StreamAsync(http, Base(sim), tokens: 4)));

        Assert.Equal(4, alone.Lines.Count);
        Assert.All(together, r => Assert.Equal(4, r.Lines.Count));
        var median = together.Select(r => r.FirstToken).Order().ElementAt(4);
        Assert.True(median > alone.FirstToken * 2, $"TTFT alone {alone.FirstToken.TotalMilliseconds:0} ms, median of 8 together {median.TotalMilliseconds:0} ms");
        Assert.True(median >= TimeSpan.FromMilliseconds(120), $"median of 8 together {median.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task A_request_past_the_batch_and_the_queue_gets_sagemakers_503()
    {
        await using var sim = await SimHost.StartAsync(Llm(maxBatch: 1, queue: 1, decodeMs: 20, perSequenceMs: 0));
        using var http = new HttpClient();
        // Two long generations take the batch place and the queue place; the third is refused at once.
        var running = Enumerable.Range(0, 2).Select(_ => StreamAsync(http, Base(sim), tokens: 60)).ToArray();
        for (var i = 0; i < 200 && sim.Fleet.Variants[0].Routable[0].Outstanding < 2; i++) await Task.Delay(10);
        using var refused = await http.SendAsync(Request(Base(sim), 5));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("ServiceUnavailable", SimHost.Header(refused, "x-amzn-ErrorType").Split(':')[0]);
        Assert.All(await Task.WhenAll(running), r => Assert.Equal(60, r.Lines.Count));
    }
}
