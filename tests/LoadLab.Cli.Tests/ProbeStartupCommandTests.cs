using LoadLab.TestSupport;
using Xunit.Abstractions;

namespace LoadLab.Cli.Tests;

/// <summary>`loadlab probe-startup` changes nothing without --yes, and refuses a target it cannot probe before touching AWS.</summary>
public sealed class ProbeStartupCommandTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDir _dir = new("probe-cli");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Without_yes_it_prints_the_plan_changes_nothing_and_writes_nothing()
    {
        var scenario = _dir.Write("ep.yaml", """
            name: ep
            target: { kind: sagemaker, endpoint: my-endpoint, variant: AllTraffic, region: us-east-1 }
            payload: { contentType: application/json, inline: '{"x": 1}' }
            load: { phases: [ { shape: constant, rate: 1, duration: 1s } ] }
            """);
        var outFile = _dir.File("startup.json");
        var r = await CliHarness.RunAsync(output, "probe-startup", scenario, "--out", outFile, "--sample-every", "10s");

        Assert.Equal(0, r.Code);
        Assert.Contains("plan: raise AllTraffic of endpoint my-endpoint by one instance with UpdateEndpointWeightsAndCapacities, sample DescribeEndpoint every 10s", r.Out);
        Assert.Contains("Nothing was changed: add --yes to run it.", r.Out);
        Assert.False(File.Exists(outFile));
    }

    [Fact]
    public async Task A_target_that_is_not_a_sagemaker_endpoint_is_bad_input_naming_the_field()
    {
        var scenario = _dir.Write("http.yaml", """
            name: http
            target: { kind: http, url: "http://127.0.0.1:9/x", method: POST }
            payload: { contentType: application/json, inline: '{"x": 1}' }
            load: { phases: [ { shape: constant, rate: 1, duration: 1s } ] }
            """);
        var r = await CliHarness.RunAsync(output, "probe-startup", scenario, "--yes");

        Assert.Equal(2, r.Code);
        Assert.Contains("target", r.Err);
        Assert.Contains("probe-startup needs a SageMaker endpoint target", r.Err);
        Assert.DoesNotContain("   at ", r.Err);
    }

    [Fact]
    public async Task A_bad_interval_names_its_flag()
    {
        var r = await CliHarness.RunAsync(output, "probe-startup", "missing.yaml", "--sample-every", "10ms");
        Assert.Equal(2, r.Code);
        Assert.Contains("--sample-every", r.Err);
    }
}
