using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using LoadLab.Core.RunFiles;

namespace LoadLab.Core.Tests;

/// <summary>
/// Every number LoadLab writes into a run file says its unit at the end of its JSON name (docs/run-file-units.md).
/// Walks the Core records of each JSON run file by reflection, so a new numeric field without a unit fails here
/// unless it is a count or amount named in <see cref="Allowed"/>, with the reason.
/// </summary>
public sealed class UnitSuffixTests
{
    /// <summary>The suffixes docs/run-file-units.md lists.</summary>
    private static readonly string[] Suffixes =
    [
        "_ms", "_us", "_s", "_min", "_utc", "_pct", "_fraction", "_rps", "_rpm", "_ipm", "_per_min", "_per_hour", "_usd", "_ms_per_ipm", "_count",
    ];

    /// <summary>
    /// Counts and amounts whose noun is the unit (docs/run-file-units.md: "Counts end in _count or are plain nouns";
    /// instance-hours and violation minutes are amounts in the unit they name). Matched at the end of the name.
    /// </summary>
    private static readonly string[] CountNouns =
    [
        "requests", "requested", "errors", "ok", "completed", "started", "scheduled", "offered", "dropped", "late", "bytes",
        "flaps", "scale_ins", "scale_outs", "instances", "capacity", "instance_hours", "instance_minutes", "violation_minutes",
        "step", "index", "seed", "resamples", "parameters", "points", "steps_used", "minutes",
    ];

    /// <summary>JSON names (type.name) that are numbers without a unit suffix, and why each may be.</summary>
    private static readonly Dictionary<string, string> Allowed = new()
    {
        // Counts and amounts not ending in their noun.
        ["instance_count_sample.desired"] = "instances", ["instance_count_sample.current"] = "instances",
        ["scale_event.from"] = "instances", ["scale_event.to"] = "instances",
        ["candidate_result.slo_violation_minutes_pessimistic"] = "minutes, named", ["prediction.violation_minutes_error"] = "minutes, named",
        ["prediction.peak_instances_error"] = "instances", ["cost_estimate.instances_at_peak"] = "instances",
        ["cost_estimate.instance_hours_per_day"] = "instance-hours per day",
        ["fleet_assumptions.queue_limit_requests_per_instance"] = "requests one instance holds",
        ["candidate_result.dropped_requests_pessimistic"] = "requests", ["verify_file.format_version"] = "a version number",
        // Dimensionless: statistics, ranks, ratios.
        ["fit_candidate.r_squared"] = "statistic", ["fit_candidate.aicc"] = "statistic", ["fit_candidate.aic"] = "statistic",
        ["analysis_file.judged_percentile"] = "a percentile rank (p90 → 90)", ["slo_info.latency_percentile"] = "a percentile rank",
        ["fleet_assumptions.slo_percentile"] = "a percentile rank", ["fleet_model_error.latency_percentile"] = "a percentile rank",
        ["slo_summary.latency_percentile"] = "a percentile rank",
        ["verify_file.metric_count_factor"] = "a ratio", ["verify_file.time_scale"] = "a ratio (endpoint clock to real time)",
        ["verify_verdict.load_step_factor"] = "a ratio",
        // The unit comes first in the name.
        ["analysis_file.max_rps_per_instance"] = "requests per second, per instance", ["recommendation_basis.max_rps_per_instance"] = "requests per second, per instance",
        ["recommendation_basis.rps_per_instance_at_target"] = "requests per second, per instance",
        // The unit depends on a sibling field, so no one suffix is true.
        ["latency_curve.a"] = "ms for kind queueing, ms per IPI for linear and segmented (LatencyCurve.A)",
        ["candidate_result.target_value"] = "in the unit of the candidate's metric: IPI for InvocationsPerInstance policies, concurrent requests for an alternative on ConcurrentRequestsPerModel",
        ["policy_alternative.target_value"] = "in the unit of the alternative's metric (its metric field)",
        ["metric_point.value"] = "in the unit of the series' metric (metric_series.unit says it)",
        ["step_window.target_rate"] = "req/s for an open-model run, users for a closed one (run.json's load_model says which)",
        ["threshold_result.observed"] = "in the unit of the threshold's own expression (p(99) in ms, errors as a fraction)",
    };

    private static readonly Type[] Roots =
        [typeof(RunInfo), typeof(MetricsFile), typeof(AnalysisFile), typeof(RecommendationFile), typeof(SimulationFile), typeof(VerifyFile)];

    [Fact]
    public void Every_numeric_field_of_every_json_run_file_ends_in_a_unit()
    {
        var offenders = new SortedSet<string>();
        var seen = new HashSet<Type>();
        foreach (var root in Roots) Walk(root, seen, offenders);
        Assert.True(offenders.Count == 0,
            "numeric run-file fields without a unit suffix (rename, or add to Allowed with the reason):\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void The_check_catches_a_numeric_field_without_a_unit()
    {
        var offenders = new SortedSet<string>();
        Walk(typeof(Unitless), [], offenders);
        Assert.Equal(["unitless.latency"], offenders);
    }

    private sealed record Unitless(double Latency, double LatencyMs, int? RetriesCount);

    private static void Walk(Type type, HashSet<Type> seen, SortedSet<string> offenders)
    {
        if (!seen.Add(type)) return;
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.GetCustomAttribute<JsonIgnoreAttribute>() is not null || p.GetIndexParameters().Length > 0) continue;
            var name = p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name);
            var t = Element(p.PropertyType);
            if (IsNumber(t))
            {
                string key = $"{JsonNamingPolicy.SnakeCaseLower.ConvertName(type.Name)}.{name}";
                bool unit = Suffixes.Any(s => name.EndsWith(s, StringComparison.Ordinal) || name == s[1..]);
                bool noun = CountNouns.Any(n => name == n || name.EndsWith("_" + n, StringComparison.Ordinal));
                if (!unit && !noun && !Allowed.ContainsKey(key)) offenders.Add(key);
            }
            // LoadLab's own records; the AWS request shapes (LoadLab.Core.AwsApi) keep AWS's names.
            else if (t.Namespace is { } ns && ns.StartsWith("LoadLab.Core", StringComparison.Ordinal) && !ns.StartsWith("LoadLab.Core.AwsApi", StringComparison.Ordinal)
                     && t.IsClass && t != typeof(string))
                Walk(t, seen, offenders);
        }
    }

    private static Type Element(Type t)
    {
        t = Nullable.GetUnderlyingType(t) ?? t;
        if (t.IsArray) return Element(t.GetElementType()!);
        if (t.IsGenericType && t != typeof(string))
        {
            var args = t.GetGenericArguments();
            if (typeof(System.Collections.IEnumerable).IsAssignableFrom(t)) return Element(args[^1]);
        }
        return t;
    }

    private static bool IsNumber(Type t) =>
        t == typeof(double) || t == typeof(float) || t == typeof(int) || t == typeof(long) || t == typeof(decimal) || t == typeof(short);
}
