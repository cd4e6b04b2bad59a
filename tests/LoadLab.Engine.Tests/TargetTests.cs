using System.Net;
using System.Net.Sockets;
using System.Text;
using LoadLab.Aws.Credentials;
using LoadLab.Aws.Signing;
using LoadLab.Core.Scenarios;
using LoadLab.Engine.Payloads;
using LoadLab.Engine.Targets;
using LoadLab.Engine.Tests.Support;
using LoadLab.TestSupport;
using Microsoft.AspNetCore.Http;

namespace LoadLab.Engine.Tests;

public sealed class TargetTests
{
    [Theory]
    [InlineData(200, null, null, OutcomeClass.Ok)]
    [InlineData(204, null, null, OutcomeClass.Ok)]
    [InlineData(424, null, null, OutcomeClass.ModelError)]
    [InlineData(500, "ModelError:http://internal.amazon.com/coral/com.amazon.sagemaker/", null, OutcomeClass.ModelError)]
    [InlineData(429, null, null, OutcomeClass.Throttled)]
    [InlineData(400, "ThrottlingException", null, OutcomeClass.Throttled)]
    [InlineData(400, null, "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}", OutcomeClass.Throttled)]
    [InlineData(400, "ValidationError", "{\"message\":\"bad\"}", OutcomeClass.ClientError)]
    [InlineData(404, null, null, OutcomeClass.ClientError)]
    [InlineData(503, null, null, OutcomeClass.ServerError)]
    [InlineData(500, "InternalFailure", null, OutcomeClass.ServerError)]
    public void Responses_are_classified(int status, string? errorType, string? body, OutcomeClass expected) =>
        Assert.Equal(expected, OutcomeClassifier.Classify(status, errorType, body));

    private static PayloadSet Json(string body) => new([new Payload(Encoding.UTF8.GetBytes(body), "test")], "application/json");

    [Fact]
    public async Task Http_target_classifies_real_responses_timeouts_and_refused_connections()
    {
        await using var server = await LocalServer.StartAsync(async ctx =>
        {
            switch (ctx.Request.Path.Value)
            {
                case "/model-error": ctx.Response.StatusCode = 424; break;
                case "/throttle-body":
                    ctx.Response.StatusCode = 400;
                    await ctx.Response.WriteAsync("{\"__type\":\"ThrottlingException\"}");
                    return;
                case "/throttle": ctx.Response.StatusCode = 429; break;
                case "/boom": ctx.Response.StatusCode = 502; break;
                case "/missing": ctx.Response.StatusCode = 404; break;
                case "/slow": await Task.Delay(3000, ctx.RequestAborted); break;
                default:
                    ctx.Response.StatusCode = 200;
                    await ctx.Response.WriteAsync(new string('x', 100_000)); // a body larger than one read
                    return;
            }
        });
        async Task<RequestOutcome> Send(string path, int timeoutMs = 5000)
        {
            await using var target = new HttpTarget(new Uri(server.Url, path), "POST", new Dictionary<string, string>(), Json("{}"),
                HttpConnections.CreateHandler(4, TimeSpan.FromSeconds(2)));
            using var cts = new CancellationTokenSource(timeoutMs);
            return await target.SendAsync(0, cts.Token);
        }

        Assert.Equal(OutcomeClass.Ok, (await Send("ok")).Class);
        Assert.Equal(OutcomeClass.ModelError, (await Send("model-error")).Class);
        Assert.Equal(OutcomeClass.Throttled, (await Send("throttle-body")).Class);
        Assert.Equal(OutcomeClass.Throttled, (await Send("throttle")).Class);
        Assert.Equal(OutcomeClass.ServerError, (await Send("boom")).Class);
        Assert.Equal(OutcomeClass.ClientError, (await Send("missing")).Class);
        Assert.Equal(OutcomeClass.Timeout, (await Send("slow", timeoutMs: 200)).Class);

        var closedPort = FreePort.Next();
        await using var refused = new HttpTarget(new Uri($"http://127.0.0.1:{closedPort}/"), "POST", new Dictionary<string, string>(), Json("{}"),
            HttpConnections.CreateHandler(1, TimeSpan.FromSeconds(2)));
        var outcome = await refused.SendAsync(0, CancellationToken.None);
        Assert.Equal(OutcomeClass.Connection, outcome.Class);
        Assert.Equal("connection refused", outcome.Detail);
    }

    [Fact]
    public async Task Payloads_rotate_per_request_with_headers_from_the_scenario()
    {
        var seen = new List<string>();
        await using var server = await LocalServer.StartAsync(async ctx =>
        {
            using var reader = new StreamReader(ctx.Request.Body);
            var body = await reader.ReadToEndAsync();
            lock (seen) seen.Add($"{ctx.Request.ContentType}|{ctx.Request.Headers["X-Test"]}|{body}");
        });
        using var dir = new TempDir("loadlab-engine-payload");
        dir.Write("lines.jsonl", "{\"a\":1}\n\n{\"a\":2}\n{\"a\":3}\n");
        var payloads = PayloadSet.Load(new PayloadSpec { ContentType = "application/x-ndjson", Jsonl = "lines.jsonl" }, dir.Path);
        Assert.Equal(3, payloads.Count);
        await using var target = new HttpTarget(server.Url, "PUT", new Dictionary<string, string> { ["X-Test"] = "yes" }, payloads,
            HttpConnections.CreateHandler(1, TimeSpan.FromSeconds(2)));
        for (var i = 0; i < 4; i++) Assert.True((await target.SendAsync(i, CancellationToken.None)).IsOk);
        Assert.Equal(["application/x-ndjson|yes|{\"a\":1}", "application/x-ndjson|yes|{\"a\":2}", "application/x-ndjson|yes|{\"a\":3}", "application/x-ndjson|yes|{\"a\":1}"], seen);
    }

    [Fact]
    public void Folder_payloads_are_read_once_in_name_order_with_their_hash()
    {
        using var dir = new TempDir("loadlab-engine-folder");
        dir.Write("p/b.json", "{\"b\":1}");
        dir.Write("p/a.json", "{\"a\":1}");
        var set = PayloadSet.Load(new PayloadSpec { Folder = "p" }, dir.Path);
        Assert.Equal(2, set.Count);
        Assert.Equal("a.json", set[0].Name);
        Assert.Equal("b.json", set[3].Name);
        Assert.Equal(SigV4Canonical.Sha256Hex(Encoding.UTF8.GetBytes("{\"a\":1}")), set[0].Sha256Hex);
        Assert.Throws<LoadLab.Core.Errors.UserInputException>(() => PayloadSet.Load(new PayloadSpec { File = "nope.json" }, dir.Path));
    }

    [Fact]
    public async Task SageMaker_target_sends_a_SigV4_signed_InvokeEndpoint_that_verifies()
    {
        var credentials = new SigningCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        string? failure = null;
        var calls = 0;
        await using var server = await LocalServer.StartAsync(async ctx =>
        {
            Interlocked.Increment(ref calls);
            failure ??= Verify(ctx, credentials, await new StreamReader(ctx.Request.Body).ReadToEndAsync());
            ctx.Response.Headers["x-Amzn-Invoked-Production-Variant"] = "AllTraffic";
            await ctx.Response.WriteAsync("{\"predictions\":[1]}");
        });
        var options = new SageMakerTargetOptions(server.Url, "my endpoint", "us-east-1", TargetVariant: "Blue", CustomAttributes: "trace=1");
        await using var target = new SageMakerTarget(options, new StaticCredentialSource(credentials), Json("{\"inputs\":[1,2]}"),
            HttpConnections.CreateHandler(2, TimeSpan.FromSeconds(2)));
        for (var i = 0; i < 3; i++) Assert.True((await target.SendAsync(i, CancellationToken.None)).IsOk);
        Assert.Equal(3, calls);
        Assert.Null(failure);
    }

    /// <summary>Recomputes the signature from what arrived on the wire; null when it matches.</summary>
    private static string? Verify(HttpContext ctx, SigningCredentials credentials, string body)
    {
        var r = ctx.Request;
        if (r.Path.Value != "/endpoints/my%20endpoint/invocations" && r.Path.Value != "/endpoints/my endpoint/invocations")
            return $"path {r.Path.Value}";
        if (r.Headers["X-Amzn-SageMaker-Target-Variant"] != "Blue") return "variant header missing";
        if (r.Headers["X-Amzn-SageMaker-Custom-Attributes"] != "trace=1") return "custom attributes missing";
        var auth = r.Headers.Authorization.ToString();
        var prefix = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/";
        if (!auth.StartsWith(prefix, StringComparison.Ordinal)) return $"authorization {auth}";
        var scope = auth[prefix.Length..auth.IndexOf(',')];
        if (!scope.EndsWith("/us-east-1/sagemaker/aws4_request", StringComparison.Ordinal)) return $"scope {scope}";
        var signedHeaders = auth[(auth.IndexOf("SignedHeaders=", StringComparison.Ordinal) + 14)..auth.IndexOf(", Signature", StringComparison.Ordinal)];
        var headers = signedHeaders.Split(';').Select(h => new KeyValuePair<string, string>(h, r.Headers[h].ToString())).ToList();
        var amzDate = r.Headers["X-Amz-Date"].ToString();
        var at = DateTimeOffset.ParseExact(amzDate, SigV4.AmzDateFormat, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal);
        var rawPath = ctx.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()!.RawTarget;
        var expected = SigV4.Compute(new SigV4Input("POST", rawPath, null, headers, SigV4Canonical.Sha256Hex(Encoding.UTF8.GetBytes(body))),
            credentials, "us-east-1", "sagemaker", at);
        return auth == expected.Authorization ? null : $"signature mismatch: {auth} vs {expected.Authorization}";
    }
}
