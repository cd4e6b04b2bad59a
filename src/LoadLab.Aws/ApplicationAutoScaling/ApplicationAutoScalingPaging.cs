using LoadLab.Core.AwsApi;

namespace LoadLab.Aws.ApplicationAutoScaling;

/// <summary>Follows NextToken through every page of the Describe* operations.</summary>
public static class ApplicationAutoScalingPaging
{
    public static Task<List<ScalableTarget>> DescribeAllScalableTargetsAsync(this IApplicationAutoScalingClient c, DescribeScalableTargetsRequest r, CancellationToken ct = default) =>
        All(async t => { var p = await c.DescribeScalableTargetsAsync(r with { NextToken = t }, ct).ConfigureAwait(false); return (p.ScalableTargets, p.NextToken); });

    public static Task<List<ScalingPolicy>> DescribeAllScalingPoliciesAsync(this IApplicationAutoScalingClient c, DescribeScalingPoliciesRequest r, CancellationToken ct = default) =>
        All(async t => { var p = await c.DescribeScalingPoliciesAsync(r with { NextToken = t }, ct).ConfigureAwait(false); return (p.ScalingPolicies, p.NextToken); });

    public static Task<List<ScheduledAction>> DescribeAllScheduledActionsAsync(this IApplicationAutoScalingClient c, DescribeScheduledActionsRequest r, CancellationToken ct = default) =>
        All(async t => { var p = await c.DescribeScheduledActionsAsync(r with { NextToken = t }, ct).ConfigureAwait(false); return (p.ScheduledActions, p.NextToken); });

    public static Task<List<ScalingActivity>> DescribeAllScalingActivitiesAsync(this IApplicationAutoScalingClient c, DescribeScalingActivitiesRequest r, CancellationToken ct = default) =>
        All(async t => { var p = await c.DescribeScalingActivitiesAsync(r with { NextToken = t }, ct).ConfigureAwait(false); return (p.ScalingActivities, p.NextToken); });

    private static async Task<List<T>> All<T>(Func<string?, Task<(IReadOnlyList<T> Items, string? Next)>> page)
    {
        var all = new List<T>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? token = null;
        do
        {
            var (items, next) = await page(token).ConfigureAwait(false);
            all.AddRange(items);
            token = next;
        } while (!string.IsNullOrEmpty(token) && seen.Add(token));
        return all;
    }
}
