using System.Net.Http.Json;
using System.Text.Json;
using LoadLab.Core.AwsApi;
using LoadLab.Core.RunFiles;
using LoadLab.Core.Errors;
using LoadLab.Simulation.Traffic;

namespace LoadLab.Verify.Observers;

/// <summary>
/// The sim endpoint's admin API: GET /admin/describe-endpoint (DescribeEndpoint's shape with the fleet's real
/// CurrentInstanceCount) and GET /admin/scaling-activities (DescribeScalingActivities' shape, plus the emulated clock).
/// </summary>
public sealed class SimAdminObserver(Uri adminUrl, string variant, TimeProvider time, HttpClient? http = null) : IScalingObserver
{
    private readonly HttpClient _http = http ?? new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
    private readonly bool _ownsHttp = http is null;
    private static readonly JsonSerializerOptions Aws = new();

    public string Description => $"sim endpoint admin API at {adminUrl.GetLeftPart(UriPartial.Authority)}{_timing}";
    private string _timing = "";
    public double MetricCountFactor { get; private set; } = 1;

    /// <summary>True when <paramref name="baseUrl"/> answers GET /admin/scaling-activities like the sim endpoint.</summary>
    public static async Task<bool> IsSimAsync(Uri baseUrl, CancellationToken ct)
    {
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
            using var r = await http.GetAsync(new Uri(baseUrl, "/admin/scaling-activities"), ct).ConfigureAwait(false);
            if (!r.IsSuccessStatusCode) return false;
            using var doc = JsonDocument.Parse(await r.Content.ReadAsStringAsync(ct).ConfigureAwait(false));
            return doc.RootElement.TryGetProperty("ScalingActivities", out _);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException) { return false; }
    }

    private async Task<JsonDocument> GetAsync(string path, CancellationToken ct)
    {
        try
        {
            using var r = await _http.GetAsync(new Uri(adminUrl, path), ct).ConfigureAwait(false);
            r.EnsureSuccessStatusCode();
            return JsonDocument.Parse(await r.Content.ReadAsStringAsync(ct).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException || (ex is TaskCanceledException && !ct.IsCancellationRequested))
        {
            throw new TargetFailedException($"sim endpoint admin API {new Uri(adminUrl, path)}: {ex.Message}");
        }
    }

    public async Task<ClockMapping> ClockAsync(CancellationToken ct)
    {
        using var doc = await GetAsync("/admin/scaling-activities", ct).ConfigureAwait(false);
        var l = doc.RootElement.GetProperty("LoadLab");
        if (!l.GetProperty("Enabled").GetBoolean())
            throw new TargetFailedException("the sim endpoint does not emulate autoscaling (start it registered with a control plane, or with --autoscale true)");
        MetricCountFactor = l.TryGetProperty("MetricCountFactor", out var f) && f.GetDouble() > 0 ? f.GetDouble() : 1;
        // Recorded so a reader can see what the model did not know; the prediction never reads it.
        if (l.TryGetProperty("StartupDelayS", out var sd) && l.TryGetProperty("AlarmDelayS", out var ad))
            _timing = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $" (the sim's own timing, not given to the prediction: startup {sd.GetDouble():0.#} s ± {(l.TryGetProperty("StartupJitterS", out var sj) ? sj.GetDouble() : 0):0.#} s, alarm delay {ad.GetDouble():0.#} s + up to {(l.TryGetProperty("AlarmJitterS", out var aj) ? aj.GetDouble() : 0):0.#} s)");
        return new ClockMapping(l.GetProperty("TimeScale").GetDouble(), l.GetProperty("EmulatedNowUtc").GetDateTimeOffset(), l.GetProperty("RealNowUtc").GetDateTimeOffset());
    }

    public async Task<EndpointSample> SampleAsync(CancellationToken ct)
    {
        var real = time.GetUtcNow();
        using var doc = await GetAsync("/admin/describe-endpoint", ct).ConfigureAwait(false);
        var root = doc.RootElement;
        int? desired = null, current = null;
        foreach (var v in root.GetProperty("ProductionVariants").EnumerateArray())
            if (v.GetProperty("VariantName").GetString() == variant)
            {
                desired = v.GetProperty("DesiredInstanceCount").GetInt32();
                current = v.GetProperty("CurrentInstanceCount").GetInt32();
            }
        // The admin API answers in emulated time; the caller maps real sample times with the clock.
        return new EndpointSample(real, real, root.GetProperty("EndpointStatus").GetString() ?? "", desired, current);
    }

    public async Task<IReadOnlyList<ScalingActivity>> ActivitiesAsync(DateTimeOffset sinceUtc, CancellationToken ct)
    {
        using var doc = await GetAsync("/admin/scaling-activities", ct).ConfigureAwait(false);
        var list = doc.RootElement.GetProperty("ScalingActivities").Deserialize<List<ScalingActivity>>(Aws) ?? [];
        return list.Where(a => a.ResourceId.EndsWith("/variant/" + variant, StringComparison.Ordinal) && a.StartTime >= sinceUtc)
            .OrderBy(a => a.StartTime).ToList();
    }

    public Task<IReadOnlyList<AlarmSample>> AlarmsAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<AlarmSample>>([]);

    /// <summary>GET /admin/metrics: the periods the sim published (and its autoscaler read), summed per emulated minute.</summary>
    public async Task<IReadOnlyDictionary<DateTimeOffset, double>> InvocationsPerInstanceAsync(DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken ct)
    {
        using var doc = await GetAsync("/admin/metrics", ct).ConfigureAwait(false);
        var perMinute = new SortedDictionary<DateTimeOffset, double>();
        foreach (var p in doc.RootElement.GetProperty("periods").EnumerateArray())
        {
            if (p.GetProperty("variant").GetString() != variant) continue;
            var start = p.GetProperty("period_start_utc").GetDateTimeOffset();
            if (start < fromUtc || start >= toUtc) continue;
            var minute = TrafficSeries.FloorMinute(start);
            perMinute[minute] = perMinute.GetValueOrDefault(minute) + p.GetProperty("invocations_per_instance").GetDouble();
        }
        return perMinute;
    }

    public void Dispose()
    {
        if (_ownsHttp) _http.Dispose();
    }
}
