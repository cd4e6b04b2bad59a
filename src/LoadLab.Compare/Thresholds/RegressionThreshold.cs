using System.Globalization;

namespace LoadLab.Compare.Thresholds;

/// <summary>What a regression threshold compares between the run and its baseline.</summary>
public enum RegressionMetric
{
    /// <summary><c>p(N)</c>: a latency percentile of successful requests, ms; per step and overall.</summary>
    LatencyPercentile,
    /// <summary><c>avg</c>: mean latency of successful requests, ms; per step and overall.</summary>
    LatencyAvg,
    /// <summary><c>errors</c>: failed over completed requests, a fraction; per step and overall.</summary>
    ErrorRate,
    /// <summary><c>sustainable</c>: analysis.json's sustainable invocations per instance per minute; overall only.</summary>
    Sustainable,
}

/// <summary>
/// One regression threshold: <c>metric op baseline [* factor | + offset | - offset]</c>, e.g.
/// <c>p(90) &lt; baseline * 1.10</c>, <c>errors &lt;= baseline + 0.5%</c>, <c>sustainable &gt; baseline * 0.95</c>.
/// The limit is <c>baseline × Factor + Offset</c>; <see cref="Offset"/> is in the metric's unit (ms, a fraction).
/// Latency and errors are bounded from above, the sustainable load from below, so "worse" has one meaning.
/// </summary>
public sealed record RegressionThreshold(string Expression, RegressionMetric Metric, double? Percentile, bool Strict, double Factor, double Offset)
{
    /// <summary>The defaults when no <c>--threshold</c> is given (docs/compare.md).</summary>
    public static readonly IReadOnlyList<string> DefaultExpressions =
        ["p(90) < baseline * 1.10", "p(99) < baseline * 1.25", "errors < baseline + 1%", "sustainable > baseline * 0.95"];

    public static IReadOnlyList<RegressionThreshold> Defaults { get; } = DefaultExpressions.Select(RegressionThresholdParser.Parse).ToList();

    /// <summary>True when a larger value is worse (latency, errors).</summary>
    public bool UpperBound => Metric != RegressionMetric.Sustainable;

    public bool PerStep => Metric != RegressionMetric.Sustainable;

    public double Limit(double baseline) => baseline * Factor + Offset;

    /// <summary>True when <paramref name="observed"/> satisfies the threshold against <paramref name="limit"/>.</summary>
    public bool Holds(double observed, double limit) => UpperBound
        ? Strict ? observed < limit : observed <= limit
        : Strict ? observed > limit : observed >= limit;

    /// <summary>A short name for tables and JUnit: the metric as typed (<c>p(90)</c>, <c>errors</c>).</summary>
    public string MetricName => Metric switch
    {
        RegressionMetric.LatencyPercentile => $"p({Percentile!.Value.ToString("0.###", CultureInfo.InvariantCulture)})",
        RegressionMetric.LatencyAvg => "avg",
        RegressionMetric.ErrorRate => "errors",
        _ => "sustainable",
    };

    /// <summary>The unit of observed values and limits, as the JSON field suffixes have it.</summary>
    public string Unit => Metric switch
    {
        RegressionMetric.ErrorRate => "fraction",
        RegressionMetric.Sustainable => "per_min",
        _ => "ms",
    };
}
