using System.Globalization;
using System.Text.RegularExpressions;
using LoadLab.Core.Scenarios;

namespace LoadLab.Core.Thresholds;

/// <summary>What a threshold looks at.</summary>
public enum ThresholdMetric
{
    /// <summary><c>p(N)</c> (and <c>med</c> = p(50)) of the client latency, in ms.</summary>
    LatencyPercentile,
    /// <summary><c>avg</c> latency, ms.</summary>
    LatencyAvg,
    /// <summary><c>min</c> latency, ms.</summary>
    LatencyMin,
    /// <summary><c>max</c> latency, ms.</summary>
    LatencyMax,
    /// <summary><c>errors</c> (aliases <c>error_rate</c>, <c>http_req_failed</c>): failed / completed requests, a fraction.</summary>
    ErrorRate,
    /// <summary><c>rps</c> (alias <c>http_reqs</c>): completed requests per second over the run.</summary>
    Rps,
    /// <summary><c>count</c> (alias <c>requests</c>): completed requests.</summary>
    Count,
    /// <summary><c>dropped</c>: arrivals not sent because the in-flight limit was reached (k6's dropped_iterations).</summary>
    Dropped,
}

public enum ThresholdOperator { Less, LessOrEqual, Greater, GreaterOrEqual, Equal, NotEqual }

/// <summary>
/// One threshold in k6's grammar: <c>aggregate operator value</c>, e.g. <c>p(99) &lt; 500</c>, <c>p(90)&lt;=250</c>,
/// <c>p(99.9) &lt; 1s</c>, <c>avg &lt; 200</c>, <c>med</c>, <c>max</c>, <c>min</c>, <c>errors &lt; 1%</c> (or <c>errors &lt; 0.01</c>),
/// <c>rps &gt; 100</c>, <c>count &gt;= 1000</c>, <c>dropped == 0</c>; k6 metric prefixes work too:
/// <c>http_req_duration: p(95) &lt; 200</c>, <c>http_req_failed: rate &lt; 0.01</c>, <c>http_reqs: rate &gt; 100</c>,
/// <c>http_reqs: count &gt; 1000</c>, <c>dropped_iterations: count == 0</c>. Latency values are milliseconds unless they carry a
/// unit (us, ms, s, m). Operators: &lt; &lt;= &gt; &gt;= == (also ===) !=.
/// <see cref="Value"/> is held in canonical units: ms for latency, a fraction for errors, requests/s for rps.
/// </summary>
public sealed record Threshold(string Expression, ThresholdMetric Metric, double? Percentile, ThresholdOperator Operator, double Value)
{
    private static readonly Regex Shape = new(
        @"^\s*(?<agg>p\s*\(\s*(?<p>[^)]*)\)|[A-Za-z_][A-Za-z0-9_]*)\s*(?<op><=|>=|===|==|!=|<|>|=)?\s*(?<val>.*?)\s*$",
        RegexOptions.CultureInvariant);

    private static readonly string[] Aggregates =
        ["p(N)", "avg", "med", "min", "max", "errors", "rps", "count", "dropped"];

    private static readonly Dictionary<string, ThresholdMetric> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["avg"] = ThresholdMetric.LatencyAvg,
        ["mean"] = ThresholdMetric.LatencyAvg,
        ["min"] = ThresholdMetric.LatencyMin,
        ["max"] = ThresholdMetric.LatencyMax,
        ["errors"] = ThresholdMetric.ErrorRate,
        ["error_rate"] = ThresholdMetric.ErrorRate,
        ["http_req_failed"] = ThresholdMetric.ErrorRate,
        ["rps"] = ThresholdMetric.Rps,
        ["http_reqs"] = ThresholdMetric.Rps,
        ["count"] = ThresholdMetric.Count,
        ["requests"] = ThresholdMetric.Count,
        ["dropped"] = ThresholdMetric.Dropped,
        ["dropped_iterations"] = ThresholdMetric.Dropped,
    };

    private static readonly Regex MetricPrefix = new(@"^\s*(?<metric>[A-Za-z_][A-Za-z0-9_]*)\s*:\s*(?<rest>.*)$", RegexOptions.CultureInvariant);

    /// <summary>k6 metric names accepted as a prefix (<c>http_req_failed: rate &lt; 0.01</c>) or as keys of k6's object form.</summary>
    public static readonly IReadOnlyList<string> K6Metrics = ["http_req_duration", "http_req_failed", "http_reqs", "dropped_iterations"];

    /// <summary>Parses or throws <see cref="FormatException"/> with the reason.</summary>
    public static Threshold Parse(string expression) =>
        TryParse(expression, out var t, out var error) ? t! : throw new FormatException($"threshold '{expression}': {error}");

    /// <summary>Parses one expression; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string? expression, out Threshold? threshold, out string error)
    {
        threshold = null;
        error = "";
        var text = expression ?? "";
        if (text.Trim().Length == 0)
        {
            error = "empty threshold (expected e.g. p(99) < 500 or errors < 1%)";
            return false;
        }
        var prefixed = MetricPrefix.Match(text);
        if (prefixed.Success)
        {
            if (!TryRewriteK6(prefixed.Groups["metric"].Value, prefixed.Groups["rest"].Value, out var rewritten, out error)) return false;
            if (!TryParse(rewritten, out var inner, out error)) return false;
            threshold = inner! with { Expression = text.Trim() };
            return true;
        }
        var m = Shape.Match(text);
        if (!m.Success)
        {
            error = $"expected '<aggregate> <operator> <value>', e.g. p(99) < 500 (aggregates: {string.Join(", ", Aggregates)})";
            return false;
        }

        var agg = m.Groups["agg"].Value;
        ThresholdMetric metric;
        double? percentile = null;
        if (m.Groups["p"].Success)
        {
            if (!double.TryParse(m.Groups["p"].Value.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var p)
                || p <= 0 || p > 100)
            {
                error = $"percentile '{m.Groups["p"].Value.Trim()}' must be a number in (0, 100], e.g. p(99) or p(99.9)";
                return false;
            }
            metric = ThresholdMetric.LatencyPercentile;
            percentile = p;
        }
        else if (agg.Equals("med", StringComparison.OrdinalIgnoreCase) || agg.Equals("median", StringComparison.OrdinalIgnoreCase))
        {
            metric = ThresholdMetric.LatencyPercentile;
            percentile = 50;
        }
        else if (!Names.TryGetValue(agg, out metric))
        {
            error = Regex.IsMatch(agg, @"^[pP]\d+(\.\d+)?$")
                ? $"write p({agg[1..]}), not {agg}"
                : agg.Equals("rate", StringComparison.OrdinalIgnoreCase)
                    ? "'rate' is ambiguous here: write errors < 1% for the error rate or rps > 100 for throughput"
                    : $"unknown aggregate '{agg}' (use one of: {string.Join(", ", Aggregates)})"
                      + (NameSuggester.Suggest(agg, Names.Keys.Append("med")) is { } hint ? $"; did you mean '{hint}'?" : "");
            return false;
        }

        if (!m.Groups["op"].Success)
        {
            error = "expected an operator after the aggregate: <, <=, >, >=, == or !=";
            return false;
        }
        var op = m.Groups["op"].Value switch
        {
            "<" => ThresholdOperator.Less,
            "<=" => ThresholdOperator.LessOrEqual,
            ">" => ThresholdOperator.Greater,
            ">=" => ThresholdOperator.GreaterOrEqual,
            "==" or "===" => ThresholdOperator.Equal,
            "!=" => ThresholdOperator.NotEqual,
            _ => (ThresholdOperator?)null,
        };
        if (op is null)
        {
            error = "'=' is not an operator; use == (or <, <=, >, >=, !=)";
            return false;
        }

        var valueText = m.Groups["val"].Value;
        if (valueText.Length == 0)
        {
            error = "expected a value after the operator";
            return false;
        }
        if (!TryParseValue(metric, valueText, out var value, out error)) return false;
        threshold = new Threshold(text.Trim(), metric, percentile, op.Value, value);
        return true;
    }

    /// <summary>Maps k6's metric + aggregate pairs onto LoadLab's aggregates (http_reqs: rate → rps, count → count, ...).</summary>
    private static bool TryRewriteK6(string metric, string rest, out string rewritten, out string error)
    {
        rewritten = "";
        error = "";
        var m = Shape.Match(rest);
        var agg = m.Success ? m.Groups["agg"].Value : "";
        var tail = m.Success ? rest[(m.Groups["agg"].Index + m.Groups["agg"].Length)..] : rest;
        string? mapped = metric.ToLowerInvariant() switch
        {
            "http_req_duration" => m.Groups["p"].Success || agg.ToLowerInvariant() is "avg" or "med" or "min" or "max" ? agg : null,
            "http_req_failed" => agg.Equals("rate", StringComparison.OrdinalIgnoreCase) ? "errors" : null,
            "http_reqs" => agg.ToLowerInvariant() switch { "rate" => "rps", "count" => "count", _ => null },
            "dropped_iterations" => agg.Equals("count", StringComparison.OrdinalIgnoreCase) ? "dropped" : null,
            _ => "",
        };
        if (mapped == "")
        {
            error = $"unknown metric '{metric}' (k6 metrics LoadLab measures: {string.Join(", ", K6Metrics)})"
                    + (NameSuggester.Suggest(metric, K6Metrics) is { } hint ? $"; did you mean '{hint}'?" : "");
            return false;
        }
        if (mapped is null)
        {
            var takes = metric.ToLowerInvariant() switch
            {
                "http_req_duration" => "avg, med, min, max or p(N)",
                "http_req_failed" => "rate",
                "http_reqs" => "rate or count",
                _ => "count",
            };
            error = $"{metric} takes {takes}, not '{(agg.Length > 0 ? agg : rest.Trim())}'";
            return false;
        }
        rewritten = mapped + tail;
        return true;
    }

    private static bool TryParseValue(ThresholdMetric metric, string text, out double value, out string error)
    {
        value = 0;
        error = "";
        switch (metric)
        {
            case ThresholdMetric.LatencyPercentile or ThresholdMetric.LatencyAvg or ThresholdMetric.LatencyMin or ThresholdMetric.LatencyMax:
                if (TryNumber(text, out value))
                {
                    if (value < 0) { error = "a latency cannot be negative"; return false; }
                    return true; // milliseconds by default, as in k6
                }
                if (text.EndsWith('%')) { error = $"'{text}' is a percentage; latency limits are durations such as 500 or 1s"; return false; }
                if (!DurationText.TryParse(text, out var d, out _))
                {
                    error = $"'{text}' is not a latency (a number of ms, or with a unit: 250ms, 1.5s)";
                    return false;
                }
                value = d.TotalMilliseconds;
                return true;
            case ThresholdMetric.ErrorRate:
                if (text.EndsWith('%'))
                {
                    if (!TryNumber(text[..^1].TrimEnd(), out var pct) || pct < 0 || pct > 100)
                    {
                        error = $"'{text}' is not a percentage between 0% and 100%";
                        return false;
                    }
                    value = pct / 100;
                    return true;
                }
                if (!TryNumber(text, out value) || value < 0 || value > 1)
                {
                    error = $"'{text}' is not an error rate: use a fraction from 0 to 1 (0.01) or a percentage (1%)";
                    return false;
                }
                return true;
            default:
                var unit = metric == ThresholdMetric.Rps ? "requests per second" : "a count";
                if (!TryNumber(text, out value) || value < 0)
                {
                    error = $"'{text}' is not a non-negative number ({unit})";
                    return false;
                }
                return true;
        }
    }

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>The aggregate as written canonically: p(99), avg, errors...</summary>
    public string AggregateName => Metric switch
    {
        ThresholdMetric.LatencyPercentile => Percentile == 50 ? "med" : $"p({Percentile!.Value.ToString(CultureInfo.InvariantCulture)})",
        ThresholdMetric.LatencyAvg => "avg",
        ThresholdMetric.LatencyMin => "min",
        ThresholdMetric.LatencyMax => "max",
        ThresholdMetric.ErrorRate => "errors",
        ThresholdMetric.Rps => "rps",
        ThresholdMetric.Count => "count",
        _ => "dropped",
    };

    public string OperatorText => Operator switch
    {
        ThresholdOperator.Less => "<",
        ThresholdOperator.LessOrEqual => "<=",
        ThresholdOperator.Greater => ">",
        ThresholdOperator.GreaterOrEqual => ">=",
        ThresholdOperator.Equal => "==",
        _ => "!=",
    };

    /// <summary>A value in this threshold's unit for messages: "500 ms", "1%", "100 rps".</summary>
    public string FormatValue(double value) => Metric switch
    {
        ThresholdMetric.ErrorRate => (value * 100).ToString("0.###", CultureInfo.InvariantCulture) + "%",
        ThresholdMetric.Rps => value.ToString("0.##", CultureInfo.InvariantCulture) + " rps",
        ThresholdMetric.Count or ThresholdMetric.Dropped => value.ToString("0", CultureInfo.InvariantCulture),
        _ => value.ToString("0.###", CultureInfo.InvariantCulture) + " ms",
    };

    /// <summary>Canonical text, e.g. "p(99) &lt; 500 ms", "errors &lt; 1%".</summary>
    public override string ToString() => $"{AggregateName} {OperatorText} {FormatValue(Value)}";

    /// <summary>Whether an observed value satisfies the threshold.</summary>
    public bool IsSatisfiedBy(double observed) => Operator switch
    {
        ThresholdOperator.Less => observed < Value,
        ThresholdOperator.LessOrEqual => observed <= Value,
        ThresholdOperator.Greater => observed > Value,
        ThresholdOperator.GreaterOrEqual => observed >= Value,
        ThresholdOperator.Equal => observed == Value,
        _ => observed != Value,
    };
}
