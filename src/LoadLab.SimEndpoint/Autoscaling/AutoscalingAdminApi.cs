using System.Text.Json;
using LoadLab.SimEndpoint.Fleet;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LoadLab.SimEndpoint.Autoscaling;

/// <summary>
/// <c>GET /admin/scaling-activities[?ResourceId=endpoint/x/variant/y]</c>: the emulation's scaling activities in the
/// DescribeScalingActivities answer shape (AWS field names: ScalingActivities[] with ActivityId, ResourceId,
/// ServiceNamespace, ScalableDimension, Description, Cause, StartTime, EndTime, StatusCode, StatusMessage; times in
/// ISO-8601 emulated UTC), so `loadlab verify` reads them as it reads DescribeScalingActivities on AWS. A
/// <c>LoadLab</c> member adds what AWS does not have: whether the emulation runs, the clock (emulated and real now,
/// time scale, so a client can map emulated times onto its own) and each target's compiled configuration.
/// </summary>
public static class AutoscalingAdminApi
{
    public const string Path = "/admin/scaling-activities";

    private static readonly JsonSerializerOptions Shape = new() { WriteIndented = true };

    public static void Map(IEndpointRouteBuilder app, Func<AutoscalingEmulator?> emulator, SimFleet fleet)
    {
        app.MapGet(Path, (HttpContext ctx) =>
        {
            var e = emulator();
            string? resource = ctx.Request.Query.TryGetValue("ResourceId", out var r) ? r.ToString() : null;
            return Results.Json(new Dictionary<string, object?>
            {
                ["ScalingActivities"] = e?.Activities(resource) ?? [],
                ["NextToken"] = null,
                ["LoadLab"] = new Dictionary<string, object?>
                {
                    ["Enabled"] = e is not null,
                    ["TimeScale"] = fleet.TimeScale,
                    ["EmulatedNowUtc"] = fleet.Time.GetUtcNow(),
                    ["RealNowUtc"] = fleet.RealTime.GetUtcNow(),
                    ["StartupDelayS"] = fleet.Options.StartupDelay.TotalSeconds,
                    ["StartupJitterS"] = fleet.Options.StartupJitter.TotalSeconds,
                    // The emulation's own timing, for people and verify.json's record; never an input of the prediction.
                    ["AlarmDelayS"] = fleet.Options.AutoscaleAlarmDelay.TotalSeconds,
                    ["AlarmJitterS"] = fleet.Options.AutoscaleAlarmJitter.TotalSeconds,
                    // What the emulated autoscaler multiplies per-minute counts by (time scale with --autoscale-real-rate, else 1).
                    ["MetricCountFactor"] = e?.CountFactor ?? 1,
                    ["MetricsPeriodS"] = fleet.Options.MetricsPeriod.TotalSeconds,
                    ["ConfigReads"] = e?.ConfigReads,
                    ["LastError"] = e?.LastError,
                    ["Targets"] = e?.Targets(),
                },
            }, Shape);
        });
    }
}
