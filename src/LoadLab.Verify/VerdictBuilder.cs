using System.Globalization;
using System.Text.RegularExpressions;
using LoadLab.Core.AwsApi;
using LoadLab.Core.RunFiles;
using LoadLab.Verify.Observers;
using LoadLab.Simulation.Traffic;

namespace LoadLab.Verify;

/// <summary>
/// Pure: lays the client's per-second timeline, the DescribeEndpoint samples and the scaling activities onto minutes
/// of the endpoint's clock, and judges them against the SLO.
/// </summary>
public static partial class VerdictBuilder
{
    /// <summary>An offered rate this many times the starting one marks the load step.</summary>
    public const double StepFactor = 1.5;

    public static IReadOnlyList<VerifyMinute> Minutes(IReadOnlyList<TimelineRow> rows, ClockMapping clock, IReadOnlyList<EndpointSample> samples,
        IReadOnlyList<ScalingActivity> activities, SloSummary slo, double countFactor = 1)
    {
        var byMinute = new SortedDictionary<DateTimeOffset, List<TimelineRow>>();
        foreach (var r in rows)
        {
            // A row covers one real second; its middle decides its minute on the endpoint's clock.
            var minute = TrafficSeries.FloorMinute(clock.ToEmulated(r.TimeUtc.AddMilliseconds(500)));
            if (!byMinute.TryGetValue(minute, out var list)) byMinute[minute] = list = [];
            list.Add(r);
        }
        var result = new List<VerifyMinute>();
        foreach (var (minute, list) in byMinute)
        {
            var end = minute.AddMinutes(1);
            long offered = list.Sum(r => r.Offered), completed = list.Sum(r => r.Completed), ok = list.Sum(r => r.Ok), errors = list.Sum(r => r.Errors);
            var latency = WeightedPercentile(list, slo.LatencyPercentile);
            var inMinute = samples.Where(s => s.TimeUtc >= minute && s.TimeUtc < end).ToList();
            var before = samples.LastOrDefault(s => s.TimeUtc < end);
            int? desired = inMinute.Count > 0 ? inMinute.Max(s => s.DesiredInstances) : before?.DesiredInstances;
            double? inService = inMinute.Count > 0 && inMinute.Any(s => s.CurrentInstances is not null)
                ? inMinute.Where(s => s.CurrentInstances is not null).Average(s => s.CurrentInstances!.Value) : before?.CurrentInstances;
            var errorRate = completed > 0 ? (double)errors / completed : 0;
            var violation = completed > 0 && ((latency is { } l && l > slo.LatencyMs) || errorRate > slo.MaxErrorRateFraction);
            result.Add(new VerifyMinute
            {
                MinuteUtc = minute, Offered = offered, Completed = completed, Ok = ok, Errors = errors, ErrorRateFraction = Math.Round(errorRate, 6),
                LatencyMs = latency is { } x ? Math.Round(x, 3) : null,
                DesiredInstances = desired,
                InServiceInstances = inService is { } s ? (int)Math.Round(s) : null,
                InvocationsPerInstance = inService is > 0 ? Math.Round(offered * countFactor / inService.Value, 2) : null,
                Violation = violation,
                Activities = activities.Where(a => a.StartTime >= minute && a.StartTime < end).Select(a => a.ActivityId).ToList(),
            });
        }
        return result;
    }

    /// <summary>Each minute with the endpoint's published InvocationsPerInstance (x the metric count factor) beside the offered one.</summary>
    public static IReadOnlyList<VerifyMinute> WithPublishedMetric(IReadOnlyList<VerifyMinute> minutes, IReadOnlyDictionary<DateTimeOffset, double> published, double countFactor) =>
        minutes.Select(m => published.TryGetValue(m.MinuteUtc, out var v) ? m with { MetricInvocationsPerInstance = Math.Round(v * countFactor, 2) } : m).ToList();

    public static VerifyVerdict Judge(IReadOnlyList<VerifyMinute> minutes, IReadOnlyList<TimelineRow> rows, ClockMapping clock,
        IReadOnlyList<EndpointSample> samples, IReadOnlyList<ScalingActivity> activities, SloSummary slo)
    {
        var reasons = new List<string>();
        var (stepUtc, factor) = LoadStep(rows, clock);
        var changes = Changes(activities, samples.FirstOrDefault(s => s.DesiredInstances is not null)?.DesiredInstances);
        var firstOut = changes.FirstOrDefault(c => c.To > c.From && (stepUtc is null || c.TimeUtc >= stepUtc.Value.AddMinutes(-1)));
        var violations = minutes.Where(m => m.Violation).ToList();
        var from = stepUtc ?? minutes.FirstOrDefault()?.MinuteUtc;
        var lastViolation = violations.LastOrDefault();
        var recovered = lastViolation is null || minutes.Any(m => m.MinuteUtc > lastViolation.MinuteUtc && m.Completed > 0 && !m.Violation);
        DateTimeOffset? recoveredUtc = lastViolation is null ? from : recovered ? lastViolation.MinuteUtc.AddMinutes(1) : null;

        var held = violations.Count <= slo.AllowedViolationMinutes && recovered;
        var ci = CultureInfo.InvariantCulture;
        if (violations.Count > slo.AllowedViolationMinutes)
            reasons.Add(string.Create(ci, $"{violations.Count} minute(s) over the SLO (p{slo.LatencyPercentile:0.##} <= {slo.LatencyMs:0.##} ms, errors <= {slo.MaxErrorRateFraction:0.##%}); {slo.AllowedViolationMinutes} allowed"));
        if (!recovered) reasons.Add("latency or errors were still over the SLO when the run ended: the fleet did not catch up");
        if (firstOut is null && stepUtc is not null) reasons.Add("no scale-out after the load step");
        if (held) reasons.Add(violations.Count == 0 ? "the SLO held in every minute" : $"the SLO held within the {slo.AllowedViolationMinutes} minute(s) allowed and recovered");

        var desired = samples.Where(s => s.DesiredInstances is not null).Select(s => s.DesiredInstances!.Value).ToList();
        var current = samples.Where(s => s.CurrentInstances is not null).Select(s => s.CurrentInstances!.Value).ToList();
        return new VerifyVerdict
        {
            SloHeld = held,
            ViolationMinutes = violations.Count,
            LoadStepUtc = stepUtc,
            LoadStepFactor = factor is { } f ? Math.Round(f, 2) : null,
            FirstScaleOutUtc = firstOut?.TimeUtc,
            TimeToFirstScaleOutS = firstOut is not null && from is { } s0 ? Math.Round((firstOut.TimeUtc - s0).TotalSeconds, 1) : null,
            Recovered = recovered,
            RecoveredUtc = recoveredUtc,
            TimeToRecoveryS = recoveredUtc is { } r && from is { } s1 ? Math.Round(Math.Max(0, (r - s1).TotalSeconds), 1) : null,
            InitialInstances = desired.Count > 0 ? desired[0] : null,
            MaxDesiredInstances = desired.Count > 0 ? desired.Max() : null,
            MaxInServiceInstances = current.Count > 0 ? current.Max() : null,
            InstanceMinutes = Math.Round(minutes.Sum(m => (double)(m.InServiceInstances ?? 0)), 2),
            ScaleOuts = changes.Count(c => c.To > c.From),
            ScaleIns = changes.Count(c => c.To < c.From),
            Reasons = reasons,
        };
    }

    /// <summary>A change of the desired count, read from an activity's Description ("Setting desired instance count to N.").</summary>
    public sealed record CapacityChange(DateTimeOffset TimeUtc, int From, int To, string ActivityId);

    public static IReadOnlyList<CapacityChange> Changes(IReadOnlyList<ScalingActivity> activities, int? initial)
    {
        var list = new List<CapacityChange>();
        var current = initial;
        foreach (var a in activities.OrderBy(a => a.StartTime))
        {
            if (a.StatusCode is ScalingActivityStatusCodes.Failed) continue;
            var m = DesiredTo().Match(a.Description ?? "");
            if (!m.Success) continue;
            var to = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            var from = current ?? to;
            if (to != from) list.Add(new CapacityChange(a.StartTime, from, to, a.ActivityId));
            current = to;
        }
        return list;
    }

    [GeneratedRegex(@"desired (?:instance )?count to (\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex DesiredTo();

    /// <summary>The first second (of the first 3-second window whose mean reaches the threshold) whose offered rate reaches <see cref="StepFactor"/> x the starting rate, on the endpoint's clock.</summary>
    public static (DateTimeOffset? TimeUtc, double? Factor) LoadStep(IReadOnlyList<TimelineRow> rows, ClockMapping clock)
    {
        var withTraffic = rows.Where(r => r.Offered > 0).ToList();
        if (withTraffic.Count < 4) return (null, null);
        var head = withTraffic.Take(Math.Max(3, withTraffic.Count / 10)).Select(r => (double)r.Offered).Order().ToList();
        var baseline = head[head.Count / 2];
        for (var i = 2; i < withTraffic.Count; i++)
        {
            var mean = (withTraffic[i].Offered + withTraffic[i - 1].Offered + withTraffic[i - 2].Offered) / 3.0;
            if (mean >= StepFactor * baseline)
            {
                var peak = withTraffic.Skip(i).Take(10).Average(r => (double)r.Offered);
                // The step starts at the first second of the window that is itself above the threshold.
                var at = withTraffic.Skip(i - 2).Take(3).First(r => r.Offered >= StepFactor * baseline);
                return (clock.ToEmulated(at.TimeUtc), peak / baseline);
            }
        }
        return (null, null);
    }

    /// <summary>The SLO percentile over a minute from per-second percentiles, weighted by completions (an approximation: percentiles do not add).</summary>
    public static double? WeightedPercentile(IReadOnlyList<TimelineRow> rows, double percentile)
    {
        var pts = rows.Where(r => r.Completed > 0).Select(r => (Ms: percentile <= 50 ? r.P50Ms : percentile <= 90 ? r.P90Ms : r.P99Ms, W: (double)r.Completed))
            .Where(p => double.IsFinite(p.Ms)).OrderBy(p => p.Ms).ToList();
        if (pts.Count == 0) return null;
        var total = pts.Sum(p => p.W);
        // The second whose percentile covers the middle of the minute's completions: a weighted median of per-second percentiles.
        double acc = 0;
        foreach (var p in pts)
        {
            acc += p.W;
            if (acc >= total / 2) return p.Ms;
        }
        return pts[^1].Ms;
    }

}
