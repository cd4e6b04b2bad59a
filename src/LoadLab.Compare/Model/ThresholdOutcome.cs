using System.Text.Json.Serialization;

namespace LoadLab.Compare.Model;

/// <summary>One regression threshold over every scope it applies to (each step, and the whole run).</summary>
public sealed record ThresholdOutcome(string Expression, string Metric, bool Regression, IReadOnlyList<ThresholdCheck> Checks);

/// <summary>
/// One threshold in one scope. The values are in the metric's unit and written under unit-suffixed names
/// (<c>observed_ms</c>, <c>limit_fraction</c>, <c>baseline_per_min</c>); a regression needs the threshold broken
/// and the difference significant.
/// </summary>
public sealed record ThresholdCheck
{
    /// <summary>"overall" or "step N".</summary>
    public required string Scope { get; init; }
    public int? Step { get; init; }
    /// <summary>"ms", "fraction" or "per_min": which of the suffixed fields below hold the values.</summary>
    public required string Unit { get; init; }
    /// <summary>False when a side had nothing to judge (no successful request, no analysis.json): see <see cref="Note"/>.</summary>
    public required bool Judged { get; init; }
    public required bool Holds { get; init; }
    /// <summary>The test's one-sided p-value (U test for latency, two-proportion z test for errors); null for the sustainable load.</summary>
    public double? PValue { get; init; }
    public required bool Significant { get; init; }
    public required bool Regression { get; init; }
    public string? Note { get; init; }

    public double? BaselineMs { get; init; }
    public double? LimitMs { get; init; }
    public double? ObservedMs { get; init; }
    public double? BaselineFraction { get; init; }
    public double? LimitFraction { get; init; }
    public double? ObservedFraction { get; init; }
    public double? BaselinePerMin { get; init; }
    public double? LimitPerMin { get; init; }
    public double? ObservedPerMin { get; init; }

    [JsonIgnore] public double? BaselineValue => BaselineMs ?? BaselineFraction ?? BaselinePerMin;
    [JsonIgnore] public double? LimitValue => LimitMs ?? LimitFraction ?? LimitPerMin;
    [JsonIgnore] public double? ObservedValue => ObservedMs ?? ObservedFraction ?? ObservedPerMin;

    /// <summary>This check with its values under the names of its <see cref="Unit"/>.</summary>
    public ThresholdCheck WithValues(double? baseline, double? limit, double? observed) => Unit switch
    {
        "ms" => this with { BaselineMs = baseline, LimitMs = limit, ObservedMs = observed },
        "fraction" => this with { BaselineFraction = baseline, LimitFraction = limit, ObservedFraction = observed },
        _ => this with { BaselinePerMin = baseline, LimitPerMin = limit, ObservedPerMin = observed },
    };
}
