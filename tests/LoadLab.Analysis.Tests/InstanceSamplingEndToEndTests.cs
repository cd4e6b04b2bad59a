using LoadLab.Aws.Collector;
using LoadLab.Aws.Config;
using LoadLab.Core.RunFiles;
using LoadLab.Core.Scenarios;
using LoadLab.Engine.Running;
using LoadLab.Engine.Targets;
using LoadLab.SimEndpoint.Aws;
using LoadLab.SimEndpoint.Hosting;
using LoadLab.SimEndpoint.Options;
using LoadLab.TestSupport;

namespace LoadLab.Analysis.Tests;

/// <summary>
/// run then collect on the local stack: the sim endpoint registered in strict-auth moto (it checks the SigV4 of every
/// InvokeEndpoint and publishes its metrics there), the run's DescribeEndpoint samples in instances.csv, and collect
/// taking the instance counts from them rather than from one DescribeEndpoint at collect time.
/// </summary>
[Collection(AnalysisMotoCollection.Name)]
[Trait("Category", "EndToEnd")]
public class InstanceSamplingEndToEndTests(MotoServer moto)
{
    [Fact]
    public async Task A_run_against_the_sim_registered_in_moto_samples_instances_and_collect_merges_them()
    {
        using var aws = moto.CreateAwsContext();
        var name = MotoServer.UniqueName("inst");
        var options = new SimEndpointOptions
        {
            Port = 0, EndpointName = name, Instances = 2, Workers = 4, Queue = 100, Seed = 1,
            ServiceTime = new(ServiceTimeKind.Fixed, TimeSpan.FromMilliseconds(5), 0),
        };
        await using var sim = await SimEndpointHost.StartAsync(options, new SimEndpointServices
        {
            Region = moto.Region, Log = TextWriter.Null,
            ControlPlane = new SageMakerControlPlane(aws.SageMaker(), "moto"),
            MetricSink = new CloudWatchMetricSink(aws.CloudWatch()),
            SigV4Verifier = new SigV4RequestVerifier(moto.CredentialSource, AwsService.SageMakerRuntime.SigningName, TimeProvider.System),
        });
        using var dir = new TempDir("loadlab-instances-e2e");
        var scenario = TestScenarios.SageMakerConstant("instances-e2e", name, moto.Region, rate: 20, TimeSpan.FromSeconds(4), seed: 9);

        // The standard way to point at a local stack: every service at moto, SageMaker Runtime at the sim.
        var run = await LoadRunner.RunAsync(new LoadRunRequest
        {
            Scenario = scenario,
            RunDirectory = dir.File("run"),
            SampleInstances = new InstanceSamplingOptions { Interval = TimeSpan.FromSeconds(1) },
            TargetSettings = new TargetSettings(moto.Region)
            {
                Environment = AwsEnvironment.From(new Dictionary<string, string>
                {
                    ["AWS_ENDPOINT_URL"] = moto.Url.ToString().TrimEnd('/'),
                    ["AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME"] = sim.Url.TrimEnd('/'),
                }),
                Credentials = moto.CredentialSource,
            },
        }, CancellationToken.None);

        Assert.Equal(run.Info.Totals!.Completed, run.Info.Totals.Ok);   // signed, verified, answered by the sim
        Assert.Null(run.Info.Warnings);
        var samples = InstanceSamplesCsv.Parse("instances.csv", File.ReadAllText(run.Directory.InstancesCsv));
        Assert.True(samples.Count >= 4, $"{samples.Count} samples in a 4 s run sampled every second");
        Assert.All(samples, s => Assert.Equal((2, 2, "InService"), (s.Desired, s.Current, s.Status)));

        var metrics = await CollectService.CollectRunDirectoryAsync(run.Directory.Path, aws.CloudWatch(), aws.SageMaker(), TimeProvider.System,
            new CollectorOptions { PeriodS = 10 });
        Assert.DoesNotContain(metrics.Warnings, w => w.Text.Contains("assumed to have held", StringComparison.Ordinal));
        Assert.True(metrics.InstanceCounts.Count >= samples.Count);
        foreach (var s in samples) Assert.Contains(metrics.InstanceCounts, c => c.TimeUtc == s.TimeUtc && c.Current == 2);
    }
}
