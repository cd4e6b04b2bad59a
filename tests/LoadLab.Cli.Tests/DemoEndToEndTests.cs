using LoadLab.Aws;
using LoadLab.Cli.Demo;
using LoadLab.Core.AwsApi;
using LoadLab.Core.Json;
using LoadLab.Core.RunFiles;
using LoadLab.TestSupport;
using Xunit.Abstractions;

namespace LoadLab.Cli.Tests;

/// <summary>
/// `loadlab demo` end to end with a shortened scenario: real moto_server (strict auth), the real sim endpoint,
/// real HTTP load, and every stage; then the applied policy is read back from moto before the stack stops.
/// </summary>
[Collection(ProcessEnvironment.Name)]
public sealed class DemoEndToEndTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string WriteShortScenario()
    {
        var path = Path.Combine(_dir.Path, "short.yaml");
        File.WriteAllText(path, """
            name: demo-short
            target: { kind: sagemaker, endpoint: loadlab-demo, variant: AllTraffic, region: us-east-1 }
            payload: { contentType: application/json, inline: '{"inputs": [1, 2, 3]}' }
            slo: { latency: { percentile: 90, ms: 250 }, maxErrorRate: 0.01 }
            load:
              model: open
              phases:
                - { shape: steps, from: 40, to: 280, step: 30, hold: 5s, warmup: 1s }
              maxInFlight: 2000
              gracefulStop: 5s
            thresholds: [ "rps > 20", "med < 2s" ]
            recommend: { peakRps: 400, pricePerInstanceHour: 0.23, minCapacity: 1, maxCapacity: 4 }
            """);
        return path;
    }

    [Fact]
    public async Task Demo_runs_every_stage_and_installs_the_recommended_policy_in_moto()
    {
        var runDir = Path.Combine(_dir.Path, "run");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        IReadOnlyList<string> livePolicies = [];
        double? liveTarget = null;
        int? liveMax = null;

        var runner = new DemoRunner(stdout, stderr, async (stack, dir) =>
        {
            // Read the applied policy back from moto, through the same environment the demo set up.
            using var aws = AwsContext.Create();
            var client = aws.ApplicationAutoScaling();
            var resource = ScalingConstants.VariantResourceId("loadlab-demo", "AllTraffic");
            var policies = await client.DescribeScalingPoliciesAsync(new() { ServiceNamespace = "sagemaker", ResourceId = resource });
            livePolicies = policies.ScalingPolicies.Select(p => p.PolicyName).ToList();
            liveTarget = policies.ScalingPolicies.FirstOrDefault(p => p.PolicyType == PolicyTypes.TargetTrackingScaling)
                ?.TargetTrackingScalingPolicyConfiguration?.TargetValue;
            var targets = await client.DescribeScalableTargetsAsync(new() { ServiceNamespace = "sagemaker", ResourceIds = [resource] });
            liveMax = targets.ScalableTargets.SingleOrDefault()?.MaxCapacity;
        });

        var code = await runner.RunAsync(new DemoOptions { Scenario = WriteShortScenario(), OutputDirectory = runDir, SkipVerify = true, CheckTheory = false }, CancellationToken.None);
        output.WriteLine(stdout.ToString());
        output.WriteLine(stderr.ToString());
        Assert.Equal(0, code);

        var dir = new RunDirectory(runDir);
        foreach (var file in new[] { dir.RunJson, dir.TimelineCsv, dir.StepsCsv, dir.LatencyHlog, dir.MetricsJson, dir.AnalysisJson,
                     dir.RecommendationJson, dir.SimulationJson, dir.ReportHtml, dir.SummaryMd, dir.VerdictJson,
                     Path.Combine(runDir, "rollback.json"), Path.Combine(runDir, "applied.json") })
        {
            Assert.True(File.Exists(file), $"{Path.GetFileName(file)} is missing from the run directory");
            Assert.True(new FileInfo(file).Length > 0, $"{Path.GetFileName(file)} is empty");
        }

        // The one real run with CloudWatch behind it: its metrics.json and every other JSON file against schemas/.
        var jsonFiles = Schemas.SchemaCatalog.FilesIn(runDir).ToList();
        Assert.Contains(jsonFiles, f => f.Entry.File == "metrics.json");
        Assert.Empty(jsonFiles.SelectMany(f => Schemas.SchemaCatalog.Validate(f.Entry, f.Path)));

        var run = LoadLabJson.Deserialize<RunInfo>(File.ReadAllText(dir.RunJson));
        Assert.Equal(9, run.Steps.Count);
        Assert.True(run.Totals!.Ok > 1000, $"only {run.Totals.Ok} requests succeeded");
        Assert.Equal(9, StepsCsv.Read(dir.StepsCsv).Count);
        var metrics = LoadLabJson.Deserialize<MetricsFile>(File.ReadAllText(dir.MetricsJson));
        Assert.Contains(metrics.Series, s => s.MetricName == "Invocations" && s.Points.Count > 0);

        var analysis = LoadLabJson.Deserialize<AnalysisFile>(File.ReadAllText(dir.AnalysisJson));
        Assert.NotNull(analysis.SustainableIpm);
        var recommendation = LoadLabJson.Deserialize<RecommendationFile>(File.ReadAllText(dir.RecommendationJson));
        var recommendedTarget = recommendation.PutScalingPolicy
            .Single(p => p.PolicyType == PolicyTypes.TargetTrackingScaling).TargetTrackingScalingPolicyConfiguration!.TargetValue;

        // What moto holds now is what was recommended.
        Assert.Equal(recommendation.PutScalingPolicy.Select(p => p.PolicyName).Order(), livePolicies.Order());
        Assert.Equal(recommendedTarget, liveTarget);
        Assert.Equal(recommendation.RegisterScalableTarget.MaxCapacity, liveMax);

        var html = File.ReadAllText(dir.ReportHtml);
        Assert.Contains("demo-short", html);
        Assert.Contains("report:", stdout.ToString());
        Assert.Contains("sustainable load: measured", stdout.ToString()); // printed; 8-second steps are too short to hold it to ±15 %
    }
}
