using LoadLab.Aws.ScalingConfig;
using LoadLab.Core.AwsApi;
using LoadLab.Core.Json;
using LoadLab.Core.Ports;
using LoadLab.Core.RunFiles;
using LoadLab.TestSupport;

namespace LoadLab.Cli.Tests;

/// <summary>What the `loadlab apply` process tests set up in moto: a prior state, a recommendation, and a fingerprint.</summary>
internal static class ApplyStack
{
    /// <summary>A new endpoint whose variant is registered (2..3) with LoadLab's target tracking policy at 500.</summary>
    public static async Task<(string Endpoint, AwsScalingConfigStore Store, string Before)> PriorStateAsync(MotoServer moto)
    {
        var aws = moto.CreateAwsContext();
        var store = AwsScalingConfigStore.From(aws);
        var ep = await aws.CreateEndpointAsync();
        await store.RegisterScalableTargetAsync(new RegisterScalableTargetRequest { ResourceId = ScalingConstants.VariantResourceId(ep, "AllTraffic"), MinCapacity = 2, MaxCapacity = 3 });
        await store.PutScalingPolicyAsync(TargetTracking(ep, 500));
        return (ep, store, await FingerprintAsync(store, ep));
    }

    public static PutScalingPolicyRequest TargetTracking(string ep, double target) => new()
    {
        PolicyName = "loadlab-target-tracking",
        ResourceId = ScalingConstants.VariantResourceId(ep, "AllTraffic"),
        PolicyType = PolicyTypes.TargetTrackingScaling,
        TargetTrackingScalingPolicyConfiguration = new()
        {
            TargetValue = target,
            PredefinedMetricSpecification = new() { PredefinedMetricType = ScalingConstants.InvocationsPerInstanceMetric },
            ScaleInCooldown = 300,
            ScaleOutCooldown = 60,
        },
    };

    /// <summary>Three writes: the target (1..4), the policy (500 -> 700), a scheduled action.</summary>
    public static string WriteRecommendation(string path, string ep, double target = 700, int maxCapacity = 4)
    {
        LoadLabJson.WriteFile(path, new RecommendationFile
        {
            Endpoint = ep,
            Variant = "AllTraffic",
            RegisterScalableTarget = new RegisterScalableTargetRequest { ResourceId = ScalingConstants.VariantResourceId(ep, "AllTraffic"), MinCapacity = 1, MaxCapacity = maxCapacity },
            PutScalingPolicy = [TargetTracking(ep, target)],
            PutScheduledAction =
            [
                new PutScheduledActionRequest
                {
                    ScheduledActionName = "loadlab-weekday-morning", Schedule = "cron(0 8 ? * MON-FRI *)",
                    ResourceId = ScalingConstants.VariantResourceId(ep, "AllTraffic"), ScalableTargetAction = new() { MinCapacity = 2, MaxCapacity = 6 },
                },
            ],
            Basis = new() { TargetValue = target },
        });
        return path;
    }

    /// <summary>The live state without ARNs (moto gives a re-put policy a new ARN).</summary>
    public static async Task<string> FingerprintAsync(AwsScalingConfigStore store, string ep)
    {
        var s = await store.ReadAsync(ScalableTargetKey.Variant(ep, "AllTraffic"));
        return LoadLabJson.Serialize(new { s.Target, Policies = s.Policies.Select(p => p.Request), Actions = s.ScheduledActions.Select(a => a.Request) });
    }
}
