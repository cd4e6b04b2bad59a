using System.Net;
using System.Text;
using LoadLab.Aws;
using LoadLab.Aws.Credentials;
using LoadLab.Aws.Errors;
using LoadLab.Aws.Http;
using LoadLab.Aws.SageMakerRuntime;
using LoadLab.Aws.Signing;
using LoadLab.SimEndpoint.Aws;
using LoadLab.SimEndpoint.Hosting;
using LoadLab.SimEndpoint.Options;

namespace LoadLab.SimEndpoint.Tests;

public sealed class SigV4Tests
{
    private static readonly SigningCredentials Key = new("AKIDSIMTEST0000001", "sim/secret/key/for/tests/only/0000000000");

    private static Task<SimEndpointHandle> StartVerifying() =>
        SimHost.StartAsync(new SimEndpointOptions { VerifySigV4 = true, ServiceTime = new(ServiceTimeKind.Fixed, TimeSpan.FromMilliseconds(1), 0) },
            new SimEndpointServices
            {
                Log = TextWriter.Null,
                SigV4Verifier = new SigV4RequestVerifier(new StaticCredentialSource(Key), "sagemaker", TimeProvider.System),
            });

    [Fact]
    public async Task The_runtime_client_of_loadlab_aws_is_accepted()
    {
        await using var sim = await StartVerifying();
        using var aws = AwsContext.ForLocal(new Uri(sim.Url), Key, "us-east-1", AwsRetryOptions.NoRetries);
        var r = await aws.SageMakerRuntime(AwsRetryOptions.NoRetries).InvokeEndpointAsync(new InvokeEndpointRequest
        {
            EndpointName = sim.Fleet.EndpointName, Body = Encoding.UTF8.GetBytes("{\"x\":[1,2]}"), ContentType = "application/json",
            CustomAttributes = "c=1",
        });
        Assert.Equal("AllTraffic", r.InvokedProductionVariant);
        Assert.Equal("c=1", r.CustomAttributes);
    }

    [Fact]
    public async Task Wrong_or_missing_signatures_are_refused_as_aws_does()
    {
        await using var sim = await StartVerifying();
        using var wrongSecret = AwsContext.ForLocal(new Uri(sim.Url), Key with { SecretAccessKey = "not-the-secret" }, "us-east-1", AwsRetryOptions.NoRetries);
        var request = new InvokeEndpointRequest { EndpointName = sim.Fleet.EndpointName, Body = Encoding.UTF8.GetBytes("{}"), ContentType = "application/json" };
        var ex = await Assert.ThrowsAsync<AwsServiceException>(() => wrongSecret.SageMakerRuntime(AwsRetryOptions.NoRetries).InvokeEndpointAsync(request));
        Assert.Equal("InvalidSignatureException", ex.ErrorCode);
        Assert.Equal(HttpStatusCode.Forbidden, ex.StatusCode);

        using var otherKey = AwsContext.ForLocal(new Uri(sim.Url), new SigningCredentials("AKIDSOMEONEELSE00001", Key.SecretAccessKey), "us-east-1", AwsRetryOptions.NoRetries);
        ex = await Assert.ThrowsAsync<AwsServiceException>(() => otherKey.SageMakerRuntime(AwsRetryOptions.NoRetries).InvokeEndpointAsync(request));
        Assert.Equal("UnrecognizedClientException", ex.ErrorCode);

        using var http = new HttpClient();
        using var unsigned = await http.PostAsync(sim.InvocationsUrl, SimHost.Json());
        await WireTests.AssertError(unsigned, 403, "MissingAuthenticationTokenException", "Missing Authentication Token");

        // A body changed after signing no longer matches the signed hash.
        var signer = new SigV4Signer("sagemaker", "us-east-1");
        var tampered = new HttpRequestMessage(HttpMethod.Post, sim.InvocationsUrl) { Content = SimHost.Json("{\"a\":1}") };
        signer.Sign(tampered, Key, DateTimeOffset.UtcNow, Encoding.UTF8.GetBytes("{\"a\":2}"));
        using var t = await http.SendAsync(tampered);
        Assert.Equal(HttpStatusCode.Forbidden, t.StatusCode);
    }
}
