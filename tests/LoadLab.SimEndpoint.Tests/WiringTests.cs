using LoadLab.Aws.Config;
using LoadLab.SimEndpoint.Hosting;
using LoadLab.SimEndpoint.Options;

namespace LoadLab.SimEndpoint.Tests;

public sealed class WiringTests
{
    [Fact]
    public async Task Without_an_endpoint_url_it_runs_standalone_and_says_why_without_needing_a_region()
    {
        var s = await SimEndpointAwsWiring.ResolveAsync(new SimEndpointOptions(), TextWriter.Null, AwsEnvironment.From(new Dictionary<string, string>()), default);
        Assert.Null(s.ControlPlane);
        Assert.Null(s.MetricSink);
        Assert.Contains("no --endpoint-url", s.StandaloneReason);
        Assert.Equal("us-east-1", s.Region);
    }

    [Fact]
    public async Task Standalone_flag_wins_over_an_endpoint_url()
    {
        var s = await SimEndpointAwsWiring.ResolveAsync(new SimEndpointOptions { Standalone = true, EndpointUrl = "http://127.0.0.1:9" }, TextWriter.Null,
            AwsEnvironment.From(new Dictionary<string, string>()), default);
        Assert.Null(s.ControlPlane);
        Assert.Equal("--standalone", s.StandaloneReason);
    }

    [Fact]
    public async Task An_endpoint_url_in_the_environment_selects_the_control_plane_and_cloudwatch_there()
    {
        var env = AwsEnvironment.From(new Dictionary<string, string> { ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:9", ["AWS_REGION"] = "eu-west-1" });
        var s = await SimEndpointAwsWiring.ResolveAsync(new SimEndpointOptions(), TextWriter.Null, env, default);
        try
        {
            Assert.NotNull(s.ControlPlane);
            Assert.NotNull(s.MetricSink);
            Assert.Null(s.StandaloneReason);
            Assert.Equal("eu-west-1", s.Region);
            Assert.Contains("127.0.0.1:9", s.ControlPlane!.Description);
        }
        finally { foreach (var o in s.Owned) o.Dispose(); }
    }
}
