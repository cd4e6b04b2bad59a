using System.Text.Json;
using LoadLab.Core.Json;
using LoadLab.SimEndpoint.Fleet;
using LoadLab.SimEndpoint.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LoadLab.SimEndpoint.Hosting;

/// <summary>Body of PUT /admin/instances: a variant's desired count and, optionally, its weight.</summary>
public sealed record DesiredInstancesRequest(int? Desired, string? Variant, double? Weight);

/// <summary>
/// Health and admin routes (JSON in LoadLab's snake_case):
/// <list type="bullet">
/// <item><c>GET /ping</c>, <c>GET /healthz</c>: 200 once serving (for scripts to wait on).</item>
/// <item><c>GET /admin/instances</c>: desired, pending, InService and draining per variant, with each instance.</item>
/// <item><c>PUT /admin/instances</c> <c>{"desired":3[,"variant":"AllTraffic"][,"weight":1]}</c>: change at run time.</item>
/// <item><c>GET /admin/instances/history[?since=ISO-8601]</c>: instance counts over time.</item>
/// <item><c>GET /admin/describe-endpoint</c>: DescribeEndpoint's shape (AWS field names) with the fleet's real
/// CurrentInstanceCount and status, which moto cannot show (it sets current = desired at once).</item>
/// <item><c>GET /admin/metrics</c>: recent per-period summaries and the publishing counters.</item>
/// <item><c>GET /admin/config</c>: the effective options and mode.</item>
/// </list>
/// </summary>
public static class AdminApi
{
    public static void Map(IEndpointRouteBuilder app, Func<SimEndpointHandle?> handle, SimFleet fleet, MetricsPump metrics, Func<string> mode)
    {
        var json = LoadLabJson.Options;
        app.MapGet("/ping", () => Results.Ok());
        app.MapGet("/healthz", () => Results.Json(new
        {
            Status = "ok",
            EndpointName = fleet.EndpointName,
            Mode = mode(),
            InService = fleet.Variants.Sum(v => v.Routable.Length),
        }, json));

        app.MapGet("/admin/instances", () => Results.Json(Snapshot(fleet), json));

        app.MapPut("/admin/instances", async (HttpContext ctx) =>
        {
            DesiredInstancesRequest? body;
            try { body = await JsonSerializer.DeserializeAsync<DesiredInstancesRequest>(ctx.Request.Body, json, ctx.RequestAborted); }
            catch (JsonException ex) { return Bad($"the body is not JSON like {{\"desired\":3}}: {ex.Message}"); }
            if (body is null || (body.Desired is null && body.Weight is null)) return Bad("give \"desired\" (and optionally \"variant\", \"weight\")");
            SimVariant? variant;
            if (body.Variant is null)
            {
                if (fleet.Variants.Count > 1) return Bad($"this endpoint has {fleet.Variants.Count} variants; say which in \"variant\"");
                variant = fleet.Variants[0];
            }
            else if ((variant = fleet.Find(body.Variant)) is null)
                return Bad($"no variant '{body.Variant}'; variants: {string.Join(", ", fleet.Variants.Select(v => v.Name))}");
            if (body.Desired is { } d && (d < 1 || d > fleet.Options.MaxInstances))
                return Bad($"desired {d} must be between 1 and {fleet.Options.MaxInstances} (--max-instances)");
            if (body.Weight is { } w && (!(w >= 0) || double.IsInfinity(w))) return Bad("weight must be >= 0");
            if (body.Weight is { } weight) fleet.SetWeight(variant.Name, weight);
            if (body.Desired is { } desired) variant.SetDesired(desired, "admin");
            return Results.Json(Snapshot(fleet), json);
        });

        app.MapGet("/admin/instances/history", (HttpContext ctx) =>
        {
            DateTimeOffset? since = null;
            if (ctx.Request.Query.TryGetValue("since", out var s))
            {
                if (!DateTimeOffset.TryParse(s.ToString(), System.Globalization.CultureInfo.InvariantCulture,
                        System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed))
                    return Bad($"since '{s}' is not an ISO-8601 time");
                since = parsed;
            }
            return Results.Json(new { Points = fleet.History.Snapshot(since) }, json);
        });

        app.MapGet("/admin/describe-endpoint", () => Results.Json(DescribeEndpoint(fleet), AwsShape));

        app.MapGet("/admin/metrics", () => Results.Json(new
        {
            PeriodS = metrics.Period.TotalSeconds,
            Publishing = metrics.Publishing,
            DatumsPublished = metrics.DatumsPublished,
            FailedCalls = metrics.FailedCalls,
            DroppedBatches = metrics.DroppedBatches,
            LastError = metrics.LastError,
            TotalInvocations = fleet.Variants.ToDictionary(v => v.Name, v => v.Meter.TotalInvocations),
            Periods = metrics.Summaries(),
        }, json));

        app.MapGet("/admin/config", () => Results.Json(new
        {
            Url = handle()?.Url,
            Mode = mode(),
            Options = fleet.Options with { },
        }, json));
    }

    private static readonly JsonSerializerOptions AwsShape = new() { WriteIndented = true };

    /// <summary>
    /// The fleet as SageMaker's DescribeEndpoint reports it: Updating while instances start or drain, InService
    /// otherwise; CurrentInstanceCount counts InService instances.
    /// </summary>
    public static object DescribeEndpoint(SimFleet fleet)
    {
        var counts = fleet.Variants.Select(v => (v, c: v.Counts())).ToArray();
        var updating = counts.Any(x => x.c.Pending > 0 || x.c.Draining > 0 || x.c.InService != x.v.Desired);
        return new Dictionary<string, object?>
        {
            ["EndpointName"] = fleet.EndpointName,
            ["EndpointStatus"] = updating ? "Updating" : "InService",
            ["LastModifiedTime"] = fleet.History.Snapshot().LastOrDefault()?.TimeUtc.ToUnixTimeMilliseconds() / 1000.0,
            ["ProductionVariants"] = counts.Select(x => new Dictionary<string, object?>
            {
                ["VariantName"] = x.v.Name,
                ["CurrentWeight"] = x.v.Weight,
                ["DesiredWeight"] = x.v.Weight,
                ["CurrentInstanceCount"] = x.c.InService,
                ["DesiredInstanceCount"] = x.v.Desired,
            }).ToArray(),
        };
    }

    private static IResult Bad(string message) =>
        Results.Json(new { Error = message }, LoadLabJson.Options, statusCode: 400);

    public static object Snapshot(SimFleet fleet)
    {
        var now = fleet.Time.GetUtcNow();
        return new
        {
            TimeUtc = now,
            EndpointName = fleet.EndpointName,
            EndpointStatus = fleet.Variants.Any(v => v.Counts() is var c && (c.Pending > 0 || c.Draining > 0)) ? "Updating" : "InService",
            Desired = fleet.Variants.Sum(v => v.Desired),
            InService = fleet.Variants.Sum(v => v.Counts().InService),
            Variants = fleet.Variants.Select(v =>
            {
                var (p, s, d) = v.Counts();
                return new
                {
                    Name = v.Name,
                    Weight = v.Weight,
                    Desired = v.Desired,
                    Pending = p,
                    InService = s,
                    Draining = d,
                    Instances = v.Instances.Select(i => new
                    {
                        i.Id,
                        State = i.State.ToString(),
                        SinceUtc = i.StateSinceUtc,
                        i.ReadyAtUtc,
                        i.Outstanding,
                        i.Busy,
                        i.Queued,
                    }),
                };
            }),
        };
    }
}
