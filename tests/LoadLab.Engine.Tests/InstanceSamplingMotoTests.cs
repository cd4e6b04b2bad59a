using LoadLab.Aws;
using LoadLab.Aws.Collector;
using LoadLab.Aws.Config;
using LoadLab.Core.Json;
using LoadLab.Core.RunFiles;
using LoadLab.Core.Scenarios;
using LoadLab.Engine.Running;
using LoadLab.Engine.Schedules;
using LoadLab.Engine.Targets;
using LoadLab.TestSupport;

namespace LoadLab.Engine.Tests;

/// <summary>
/// DescribeEndpoint sampling against strict-auth moto: the sampler alone, then whole runs of a SageMaker target
/// (InvokeEndpoint and DescribeEndpoint both signed and served by moto) followed by collect.
/// </summary>
public sealed class InstanceSamplingMotoTests(MotoServer moto) : IClassFixture<MotoServer>
{
    [Fact]
    public async Task Samples_of_an_endpoint_created_in_moto_land_in_instances_csv()
    {
        using var aws = moto.CreateAwsContext();
        var endpoint = await aws.CreateEndpointAsync(variant: "AllTraffic", instances: 2);
        using var dir = new TempDir("loadlab-instances-moto");
        var warnings = new List<string>();
        var sampler = new InstanceSampler(aws.SageMaker(), endpoint, "AllTraffic", dir.File("instances.csv"),
            new InstanceSamplingOptions { Interval = TimeSpan.FromSeconds(1) }, TimeProvider.System, warnings.Add);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(1.5));
        var before = DateTimeOffset.UtcNow.AddMilliseconds(-1);
        await sampler.RunAsync(stop.Token);

        Assert.Empty(warnings);
        var text = File.ReadAllText(dir.File("instances.csv"));
        Assert.StartsWith("time_utc,desired,current,status\n", text);
        var rows = InstanceSamplesCsv.Parse("instances.csv", text);
        Assert.InRange(rows.Count, 3, 4);   // start, 1 s (maybe not yet 2 s), stop
        Assert.All(rows, r => Assert.Equal((2, 2, "InService"), (r.Desired, r.Current, r.Status)));
        Assert.True(rows[0].TimeUtc >= before && rows[^1].TimeUtc <= DateTimeOffset.UtcNow);
        Assert.Equal(rows.OrderBy(r => r.TimeUtc).Select(r => r.TimeUtc), rows.Select(r => r.TimeUtc));
    }

    [Fact]
    public async Task A_run_against_a_sagemaker_target_samples_instances_and_collect_merges_them()
    {
        using var aws = moto.CreateAwsContext();
        var endpoint = await aws.CreateEndpointAsync(variant: "AllTraffic", instances: 3);
        using var dir = new TempDir("loadlab-instances-run");

        var whole = await RunAsync(endpoint, dir.File("run"), ShardSpec.Whole);
        var rows = InstanceSamplesCsv.Parse("instances.csv", File.ReadAllText(whole.Directory.InstancesCsv));
        Assert.True(rows.Count >= 3, $"{rows.Count} samples in a 3 s run sampled every second");
        Assert.All(rows, r => Assert.Equal((3, 3), (r.Desired, r.Current)));
        Assert.True(rows[0].TimeUtc <= whole.Info.StartUtc.AddSeconds(1) && rows[^1].TimeUtc >= whole.Info.EndUtc!.Value.AddSeconds(-1),
            $"samples {rows[0].TimeUtc:O}..{rows[^1].TimeUtc:O} should span the run {whole.Info.StartUtc:O}..{whole.Info.EndUtc:O}");
        Assert.Null(whole.Info.Warnings);

        // collect takes the samples: no "assumed to have held" warning, counts from the run.
        var metrics = await CollectService.CollectRunDirectoryAsync(whole.Directory.Path, aws.CloudWatch(), aws.SageMaker(), TimeProvider.System,
            new CollectorOptions { PeriodS = 60 });
        Assert.DoesNotContain(metrics.Warnings, w => w.Text.Contains("assumed to have held", StringComparison.Ordinal));
        Assert.True(metrics.InstanceCounts.Count >= rows.Count);
        Assert.All(metrics.InstanceCounts, c => Assert.Equal(3, c.Current));

        // Only shard 0 of a sharded run samples; sampling can be turned off.
        var shard1 = await RunAsync(endpoint, dir.File("shard1"), new ShardSpec(1, 2));
        Assert.False(File.Exists(shard1.Directory.InstancesCsv));
        var off = await RunAsync(endpoint, dir.File("off"), ShardSpec.Whole, sample: false);
        Assert.False(File.Exists(off.Directory.InstancesCsv));
    }

    [Fact]
    public async Task A_failing_describe_is_one_warning_in_run_json_and_the_run_still_succeeds()
    {
        using var aws = moto.CreateAwsContext();
        using var dir = new TempDir("loadlab-instances-denied");
        // moto answers InvokeEndpoint for any name; DescribeEndpoint of a missing endpoint fails (ValidationException).
        var result = await RunAsync("no-such-endpoint-" + Guid.NewGuid().ToString("N")[..6], dir.File("run"), ShardSpec.Whole);

        Assert.True(result.Info.Totals!.Ok > 0);
        var warning = Assert.Single(result.Info.Warnings!);
        Assert.Contains("DescribeEndpoint sampling", warning);
        Assert.False(File.Exists(result.Directory.InstancesCsv));
        var onDisk = LoadLabJson.Deserialize<RunInfo>(File.ReadAllText(result.Directory.RunJson));
        Assert.Equal(result.Info.Warnings, onDisk.Warnings);
    }

    private Task<LoadRunResult> RunAsync(string endpoint, string runDir, ShardSpec shard, bool sample = true)
    {
        var scenario = TestScenarios.SageMakerConstant("instances", endpoint, moto.Region, rate: 4, TimeSpan.FromSeconds(3), seed: 5);
        return LoadRunner.RunAsync(new LoadRunRequest
        {
            Scenario = scenario,
            RunDirectory = runDir,
            Shard = shard,
            ClientWarmupRequests = 0,
            SampleInstances = sample ? new InstanceSamplingOptions { Interval = TimeSpan.FromSeconds(1) } : null,
            TargetSettings = new TargetSettings(moto.Region, null, moto.Url.ToString())
            {
                Environment = AwsEnvironment.From(new Dictionary<string, string>()),
                Credentials = moto.CredentialSource,
            },
        }, CancellationToken.None);
    }
}
