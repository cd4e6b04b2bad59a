using System.Globalization;
using LoadLab.Aws;
using LoadLab.Aws.ScalingConfig;
using LoadLab.Core.AwsApi;
using LoadLab.Core.Errors;
using LoadLab.Core.Json;
using LoadLab.Core.RunFiles;
using LoadLab.SimEndpoint.Aws;
using LoadLab.SimEndpoint.Hosting;
using LoadLab.SimEndpoint.Options;
using LoadLab.TestSupport;

namespace LoadLab.Verify.Tests;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class VerifyMotoCollection : ICollectionFixture<MotoServer>
{
    public const string Name = "verify-moto";
}

/// <summary>
/// `loadlab verify` on the local stack: strict-auth moto holds the policy, the sim endpoint (time x20: an emulated
/// minute is 3 real seconds) emulates Application Auto Scaling, the engine drives a 3x load step over real HTTP.
/// </summary>
[Collection(VerifyMotoCollection.Name)]
[Trait(CompressedClock.Trait, CompressedClock.Value)]
public sealed class VerifyTests(MotoServer moto)
{
    private const double Scale = 20;
    private const double UserStatedStartupS = 60;
    private static readonly TimeSpan AlarmDelay = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_policy_that_scales_out_in_time_recovers_and_the_prediction_misses_only_by_the_alarm_delay_it_does_not_model()
    {
        using var dir = new TempDir("verify-good");
        // --autoscale-real-rate: the target is in requests per REAL minute per instance (70 per emulated minute x 20),
        // the units `loadlab analyze` recommends in; the published counts per emulated minute are x20 smaller.
        var outcome = await VerifyAsync(dir, target: 70 * Scale, allowedViolationMinutes: 10, realRate: true);

        var v = outcome.File.Verdict;
        Assert.True(v.SloHeld, string.Join("; ", v.Reasons) + "\n" + string.Join("\n", outcome.File.Warnings) + "\n" + LoadLabJson.Serialize(outcome.File.Timeline));
        Assert.True(v.Recovered);
        Assert.Equal(1, v.InitialInstances);
        // ceil(1 x ~180 / 70) = 3 at the first decision; the alarm delay feeds later decisions minutes in which the new
        // instances were not yet in service, so the fleet can overshoot up to MaxCapacity 6, as a lagging metric does on AWS.
        Assert.InRange(v.MaxDesiredInstances!.Value, 3, 6);
        Assert.Equal(v.MaxDesiredInstances, v.MaxInServiceInstances);
        Assert.True(v.ScaleOuts >= 1);
        Assert.NotNull(v.LoadStepUtc);
        Assert.InRange(v.LoadStepFactor!.Value, 2.5, 3.5);
        // Three one-minute datapoints above the target: three to four minutes after the step.
        Assert.InRange(v.TimeToFirstScaleOutS!.Value, 120, 260);
        Assert.True(v.ViolationMinutes >= 1, "one instance cannot carry the 3x step: some minutes are over the SLO");
        Assert.True(v.TimeToRecoveryS > v.TimeToFirstScaleOutS);
        Assert.Contains(outcome.File.Timeline, m => m.Violation);
        Assert.Contains(outcome.File.Timeline, m => m.DesiredInstances >= 3 && m.InServiceInstances == m.DesiredInstances && !m.Violation);
        Assert.All(outcome.File.ScalingActivities, a => Assert.Equal("sagemaker", a.ServiceNamespace));
        Assert.Equal(20, outcome.File.TimeScale);
        Assert.Equal(20, outcome.File.MetricCountFactor);
        Assert.Contains(outcome.File.Timeline, m => m.InvocationsPerInstance > 70 * Scale);
        // What the policy saw: the sim's published InvocationsPerInstance, in the policy's units, over the target after the step.
        Assert.Contains(outcome.File.Timeline, m => m.MetricInvocationsPerInstance > 70 * Scale);
        Assert.True(outcome.File.Timeline.Count(m => m.MetricInvocationsPerInstance is not null) >= outcome.File.Timeline.Count - 2,
            "every whole minute has the published metric");

        var p = outcome.File.Prediction;
        Assert.NotNull(p);
        Assert.InRange(p!.PeakInstances, 3, 4);
        Assert.Equal(v.MaxDesiredInstances - p.PeakInstances, p.PeakInstancesError);
        // The prediction starts instances after the startup the user stated in the policy's basis, never the sim's setting.
        Assert.Equal(UserStatedStartupS, p.StartupS);
        Assert.Contains("policy's basis", p.StartupSource);
        Assert.Contains("not given to the prediction", outcome.File.Observer);
        // The emulation acts AlarmDelay after each boundary; simulate decides on the boundary itself. Observed minus
        // predicted is that delay, give or take one one-minute evaluation period when they trip on different minutes.
        Assert.NotNull(p.FirstScaleOutErrorS);
        Assert.InRange(p.FirstScaleOutErrorS!.Value, AlarmDelay.TotalSeconds - 60, AlarmDelay.TotalSeconds + 60);
        Assert.True(File.Exists(outcome.Path));
        var reread = LoadLabJson.Deserialize<VerifyFile>(await File.ReadAllTextAsync(outcome.Path));
        Assert.Equal(v.ViolationMinutes, reread.Verdict.ViolationMinutes);
    }

    [Fact]
    public async Task A_policy_with_a_target_far_above_the_sustainable_load_is_reported_as_failing()
    {
        using var dir = new TempDir("verify-lax");
        // No scale-out is coming: 12 s of the step (4 emulated minutes) show it, the good policy's 30 s are not needed.
        var outcome = await VerifyAsync(dir, target: 5000, allowedViolationMinutes: 0, stepSeconds: 12);

        var v = outcome.File.Verdict;
        Assert.False(v.SloHeld);
        Assert.False(v.Recovered);
        Assert.Equal(0, v.ScaleOuts);
        Assert.Null(v.FirstScaleOutUtc);
        Assert.Equal(1, v.MaxDesiredInstances);
        Assert.True(v.ViolationMinutes >= 3);
        Assert.Contains(v.Reasons, r => r.Contains("no scale-out", StringComparison.Ordinal));
        Assert.Contains(v.Reasons, r => r.Contains("still over the SLO", StringComparison.Ordinal));
        Assert.Equal(0, outcome.File.Prediction!.PeakInstances - 1);
    }

    private async Task<VerifyOutcome> VerifyAsync(TempDir dir, double target, int allowedViolationMinutes, bool realRate = false, int stepSeconds = 30)
    {
        using var aws = moto.CreateAwsContext();
        var name = MotoServer.UniqueName("verify");
        var options = new SimEndpointOptions
        {
            Port = 0, EndpointName = name, Instances = 1, Workers = 1, Queue = 5000,
            // 50 requests/s per instance: the 3x step (60/s) overloads one instance.
            ServiceTime = new(ServiceTimeKind.Fixed, TimeSpan.FromMilliseconds(20), 0),
            StartupDelay = TimeSpan.FromSeconds(60), StartupJitter = TimeSpan.Zero,
            MetricsPeriod = TimeSpan.FromSeconds(60), TimeScale = Scale, AutoscaleRealRate = realRate,
            AutoscaleAlarmDelay = AlarmDelay, AutoscaleAlarmJitter = TimeSpan.Zero,
        };
        await using var sim = await SimEndpointHost.StartAsync(options, new SimEndpointServices
        {
            Region = moto.Region, Log = TextWriter.Null,
            ControlPlane = new SageMakerControlPlane(aws.SageMaker(), "moto"),
            MetricSink = new CloudWatchMetricSink(aws.CloudWatch()),
            ScalingConfig = AwsScalingConfigStore.From(aws),
        });

        // The policy, as `loadlab apply` would put it: a recommendation.json, and analysis.json beside it.
        var resource = ScalingConstants.VariantResourceId(name, "AllTraffic");
        var policy = new PutScalingPolicyRequest
        {
            PolicyName = "loadlab-target", ResourceId = resource, PolicyType = PolicyTypes.TargetTrackingScaling,
            TargetTrackingScalingPolicyConfiguration = new TargetTrackingScalingPolicyConfiguration
            {
                TargetValue = target, ScaleOutCooldown = 120, ScaleInCooldown = 600,
                PredefinedMetricSpecification = new PredefinedMetricSpecification { PredefinedMetricType = ScalingConstants.InvocationsPerInstanceMetric },
            },
        };
        var register = new RegisterScalableTargetRequest { ResourceId = resource, MinCapacity = 1, MaxCapacity = 6 };
        var aas = aws.ApplicationAutoScaling();
        await aas.RegisterScalableTargetAsync(register);
        await aas.PutScalingPolicyAsync(policy);
        var recPath = dir.Write("policy/recommendation.json", LoadLabJson.Serialize(new RecommendationFile
        {
            Endpoint = name, Variant = "AllTraffic", RegisterScalableTarget = register, PutScalingPolicy = [policy],
            Basis = new RecommendationBasis { TargetValue = target, InstanceStartupS = UserStatedStartupS, InstanceStartupSource = "scenario" },
        }));
        dir.Write("policy/analysis.json", LoadLabJson.Serialize(new AnalysisFile
        {
            Slo = new SloInfo(90, 150, 0.01),
            // One instance: 50 requests/s = 3000 per real minute; the prediction divides per-minute units by the time scale.
            Curve = new LatencyCurve { Kind = "queueing", L0Ms = 20, A = 10, CapacityIpm = 3000 },
            SustainableIpm = 2700, MaxRpsPerInstance = 45,
        }));
        dir.Write("payload.json", "{\"x\":1}");
        var scenario = dir.Write("step.yaml", string.Create(CultureInfo.InvariantCulture, $"""
            name: verify-step
            target: {"{"} kind: http, url: "{sim.InvocationsUrl}", method: POST, timeout: 30s {"}"}
            payload: {"{"} contentType: application/json, file: payload.json {"}"}
            slo: {"{"} latency: {"{"} percentile: 90, ms: 150 {"}"}, maxErrorRate: 0.01 {"}"}
            load:
              phases:
                - {"{"} shape: constant, rate: 20, duration: 6s {"}"}
                - {"{"} shape: constant, rate: 60, duration: {stepSeconds}s {"}"}
            """));

        var outcome = await VerifyService.RunAsync(new VerifyRequest
        {
            ScenarioPath = scenario, PolicyPath = recPath, OutputDirectory = dir.File("run"), AdminUrl = sim.Url,
            AllowedViolationMinutes = allowedViolationMinutes, Seed = 7,
        });
        return outcome;
    }
}
