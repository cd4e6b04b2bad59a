using System.Diagnostics;
using System.Net;
using System.Text.Json;
using LoadLab.SimEndpoint.Options;

namespace LoadLab.SimEndpoint.Tests;

public sealed class WireTests
{
    private static readonly ServiceTimeSpec Fixed1ms = new(ServiceTimeKind.Fixed, TimeSpan.FromMilliseconds(1), 0);

    [Fact]
    public async Task Invocation_answers_like_sagemaker_runtime()
    {
        await using var sim = await SimHost.StartAsync(new SimEndpointOptions { ServiceTime = Fixed1ms, EndpointName = "ep-wire" });
        using var http = new HttpClient();
        Assert.StartsWith("http://127.0.0.1:", sim.Url);

        var req = new HttpRequestMessage(HttpMethod.Post, sim.InvocationsUrl) { Content = SimHost.Json() };
        req.Headers.Add("Accept", "application/json");
        req.Headers.Add("X-Amzn-SageMaker-Custom-Attributes", "trace=abc");
        using var ok = await http.SendAsync(req);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("AllTraffic", SimHost.Header(ok, "x-Amzn-Invoked-Production-Variant"));
        Assert.Equal("trace=abc", SimHost.Header(ok, "X-Amzn-SageMaker-Custom-Attributes"));
        Assert.Equal("application/json", ok.Content.Headers.ContentType!.MediaType);
        Assert.False(string.IsNullOrEmpty(SimHost.Header(ok, "x-amzn-RequestId")));
        using var doc = JsonDocument.Parse(await ok.Content.ReadAsStringAsync());
        Assert.Equal("AllTraffic-1", doc.RootElement.GetProperty("instance").GetString());

        using var csvReq = new HttpRequestMessage(HttpMethod.Post, sim.InvocationsUrl) { Content = SimHost.Json() };
        csvReq.Headers.Add("Accept", "text/csv");
        using var csv = await http.SendAsync(csvReq);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(sim.Url + "/ping")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(sim.Url + "/healthz")).StatusCode);
    }

    [Fact]
    public async Task Errors_have_sagemaker_status_type_and_body()
    {
        var o = new SimEndpointOptions
        {
            ServiceTime = Fixed1ms, EndpointName = "ep-err",
            Variants = [new VariantSpec("blue", 1, null), new VariantSpec("green", 0, null)],
        };
        await using var sim = await SimHost.StartAsync(o);
        using var http = new HttpClient();

        using var unknown = await http.PostAsync(sim.Url + "/endpoints/nope/invocations", SimHost.Json());
        await AssertError(unknown, 400, "ValidationError", "Endpoint nope of account 123456789012 not found.");

        var badVariant = new HttpRequestMessage(HttpMethod.Post, sim.InvocationsUrl) { Content = SimHost.Json() };
        badVariant.Headers.Add("X-Amzn-SageMaker-Target-Variant", "red");
        await AssertError(await http.SendAsync(badVariant), 400, "ValidationError", "red");

        // Weight 0 gets no random traffic, but the target-variant header still reaches it.
        var green = new HttpRequestMessage(HttpMethod.Post, sim.InvocationsUrl) { Content = SimHost.Json() };
        green.Headers.Add("X-Amzn-SageMaker-Target-Variant", "green");
        using var greenOk = await http.SendAsync(green);
        Assert.Equal("green", SimHost.Header(greenOk, "x-Amzn-Invoked-Production-Variant"));
        for (var k = 0; k < 20; k++)
        {
            using var r = await http.PostAsync(sim.InvocationsUrl, SimHost.Json());
            Assert.Equal("blue", SimHost.Header(r, "x-Amzn-Invoked-Production-Variant"));
        }

        var png = new HttpRequestMessage(HttpMethod.Post, sim.InvocationsUrl) { Content = SimHost.Json() };
        png.Headers.Add("Accept", "image/png");
        await AssertError(await http.SendAsync(png), 424, "ModelError", "406");

        using var get = await http.GetAsync(sim.InvocationsUrl);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
    }

    [Fact]
    public async Task Injected_model_errors_are_424_and_counted_as_5xx()
    {
        await using var sim = await SimHost.StartAsync(new SimEndpointOptions { ServiceTime = Fixed1ms, ErrorRate = 1 });
        using var http = new HttpClient();
        using var r = await http.PostAsync(sim.InvocationsUrl, SimHost.Json());
        var body = await AssertError(r, 424, "ModelError", "Received server error (500)");
        Assert.Equal(500, body.GetProperty("OriginalStatusCode").GetInt32());
        // Counted in the current window, or in the period just closed if a boundary passed meanwhile.
        var meter = sim.Fleet.Variants[0];
        Assert.Equal(1, meter.Meter.Current.Invocation5XX + sim.Metrics.Summaries().Sum(p => p.Invocation5XX));
    }

    [Fact]
    public async Task Latency_is_flat_at_low_load_grows_near_capacity_and_turns_into_503_beyond_the_queue()
    {
        // 1 instance, 2 workers, 20 ms: capacity 100 req/s; queue 38 -> at most 40 admitted.
        var o = new SimEndpointOptions { Workers = 2, Queue = 38, ServiceTime = new(ServiceTimeKind.Fixed, TimeSpan.FromMilliseconds(20), 0) };
        await using var sim = await SimHost.StartAsync(o);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 200 });
        await http.PostAsync(sim.InvocationsUrl, SimHost.Json()); // warm-up (connection, JIT)

        async Task<(HttpStatusCode Status, double Ms)> Call()
        {
            var sw = Stopwatch.StartNew();
            using var r = await http.PostAsync(sim.InvocationsUrl, SimHost.Json());
            return (r.StatusCode, sw.Elapsed.TotalMilliseconds);
        }

        // Low load: one at a time, every request is served in about its service time.
        var low = new List<double>();
        for (var k = 0; k < 10; k++) low.Add((await Call()).Ms);
        var lowMedian = Median(low);
        Assert.InRange(lowMedian, 19, 100); // about the 20 ms service time (generous: the test machine is shared)

        // At capacity: 40 at once fill both workers and the queue; they finish 2 every 20 ms.
        var burst = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Call()));
        Assert.All(burst, b => Assert.Equal(HttpStatusCode.OK, b.Status));
        Assert.True(Median(burst.Select(b => b.Ms)) > 3 * lowMedian, $"median under a burst {Median(burst.Select(b => b.Ms)):0} ms vs {lowMedian:0} ms at low load");
        Assert.True(burst.Max(b => b.Ms) >= 380, "the last of 40 waits for 19 rounds of 20 ms");

        // Beyond the queue: 60 at once -> 40 admitted, the rest refused with 503 ServiceUnavailable.
        var over = await Task.WhenAll(Enumerable.Range(0, 60).Select(_ => Call()));
        var refused = over.Count(b => b.Status == HttpStatusCode.ServiceUnavailable);
        // Exactly 20 when all 60 arrive within one service time; a slow machine lets a few early ones finish first.
        Assert.InRange(refused, 5, 20);
        Assert.Equal(60, over.Count(b => b.Status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable));
    }

    [Fact]
    public async Task Full_queue_answers_service_unavailable_in_sagemaker_shape()
    {
        var o = new SimEndpointOptions { Workers = 1, Queue = 0, ServiceTime = new(ServiceTimeKind.Fixed, TimeSpan.FromMilliseconds(300), 0) };
        await using var sim = await SimHost.StartAsync(o);
        using var http = new HttpClient();
        var first = http.PostAsync(sim.InvocationsUrl, SimHost.Json());
        Assert.True(SpinWait.SpinUntil(() => sim.Fleet.Variants[0].Routable[0].Busy == 1, TimeSpan.FromSeconds(5)));
        using var second = await http.PostAsync(sim.InvocationsUrl, SimHost.Json());
        await AssertError(second, 503, "ServiceUnavailable", "queue is full");
        Assert.Equal(HttpStatusCode.OK, (await first).StatusCode);
    }

    [Fact]
    public async Task Requests_above_max_rps_are_throttled()
    {
        await using var sim = await SimHost.StartAsync(new SimEndpointOptions { ServiceTime = Fixed1ms, MaxRps = 5, ThrottleStatus = 429, Workers = 64, Queue = 64 });
        using var http = new HttpClient();
        var all = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => http.PostAsync(sim.InvocationsUrl, SimHost.Json())));
        var throttled = all.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToArray();
        // 5/s with a 0.2 s burst: nearly all of 30 near-simultaneous requests are refused (fewer if they trickle in slowly).
        Assert.InRange(throttled.Length, 10, 29);
        await AssertError(throttled[0], 429, "ThrottlingException", "Rate exceeded");
    }

    [Fact]
    public async Task Least_outstanding_routing_spreads_a_burst_over_instances()
    {
        var o = new SimEndpointOptions { Instances = 3, Workers = 1, Queue = 10, Routing = RoutingKind.LeastOutstanding, ServiceTime = new(ServiceTimeKind.Fixed, TimeSpan.FromMilliseconds(50), 0) };
        await using var sim = await SimHost.StartAsync(o);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 100 });
        var all = await Task.WhenAll(Enumerable.Range(0, 9).Select(async _ =>
        {
            using var r = await http.PostAsync(sim.InvocationsUrl, SimHost.Json());
            return JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("instance").GetString();
        }));
        Assert.Equal(3, all.Distinct().Count());
        Assert.All(all.GroupBy(x => x), g => Assert.InRange(g.Count(), 2, 4));
    }

    internal static async Task<JsonElement> AssertError(HttpResponseMessage r, int status, string type, string messagePart)
    {
        Assert.Equal(status, (int)r.StatusCode);
        Assert.Equal(type, SimHost.Header(r, "x-amzn-ErrorType"));
        var json = JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains(messagePart, json.GetProperty("message").GetString());
        return json.Clone();
    }

    private static double Median(IEnumerable<double> xs)
    {
        var a = xs.OrderBy(x => x).ToArray();
        return a[a.Length / 2];
    }
}
