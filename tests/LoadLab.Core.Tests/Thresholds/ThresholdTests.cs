using LoadLab.Core.Thresholds;

namespace LoadLab.Core.Tests.Thresholds;

public class ThresholdTests
{
    [Theory]
    [InlineData("p(99) < 500", ThresholdMetric.LatencyPercentile, 99.0, ThresholdOperator.Less, 500.0)]
    [InlineData("p(90)<=250", ThresholdMetric.LatencyPercentile, 90.0, ThresholdOperator.LessOrEqual, 250.0)]
    [InlineData("p(99.9) < 1s", ThresholdMetric.LatencyPercentile, 99.9, ThresholdOperator.Less, 1000.0)]
    [InlineData("p(95) < 250ms", ThresholdMetric.LatencyPercentile, 95.0, ThresholdOperator.Less, 250.0)]
    [InlineData("med < 120", ThresholdMetric.LatencyPercentile, 50.0, ThresholdOperator.Less, 120.0)]
    [InlineData("avg<200", ThresholdMetric.LatencyAvg, null, ThresholdOperator.Less, 200.0)]
    [InlineData("max < 2.5s", ThresholdMetric.LatencyMax, null, ThresholdOperator.Less, 2500.0)]
    [InlineData("min >= 1", ThresholdMetric.LatencyMin, null, ThresholdOperator.GreaterOrEqual, 1.0)]
    [InlineData("errors < 1%", ThresholdMetric.ErrorRate, null, ThresholdOperator.Less, 0.01)]
    [InlineData("errors < 0.01", ThresholdMetric.ErrorRate, null, ThresholdOperator.Less, 0.01)]
    [InlineData("error_rate <= 0.5%", ThresholdMetric.ErrorRate, null, ThresholdOperator.LessOrEqual, 0.005)]
    [InlineData("http_req_failed < 0.02", ThresholdMetric.ErrorRate, null, ThresholdOperator.Less, 0.02)]
    [InlineData("rps > 100", ThresholdMetric.Rps, null, ThresholdOperator.Greater, 100.0)]
    [InlineData("count >= 1000", ThresholdMetric.Count, null, ThresholdOperator.GreaterOrEqual, 1000.0)]
    [InlineData("dropped == 0", ThresholdMetric.Dropped, null, ThresholdOperator.Equal, 0.0)]
    [InlineData("dropped === 0", ThresholdMetric.Dropped, null, ThresholdOperator.Equal, 0.0)]
    [InlineData("errors != 1", ThresholdMetric.ErrorRate, null, ThresholdOperator.NotEqual, 1.0)]
    [InlineData("http_req_duration: p(95) < 200", ThresholdMetric.LatencyPercentile, 95.0, ThresholdOperator.Less, 200.0)]
    [InlineData("http_req_duration:avg<1s", ThresholdMetric.LatencyAvg, null, ThresholdOperator.Less, 1000.0)]
    [InlineData("http_req_failed: rate<0.01", ThresholdMetric.ErrorRate, null, ThresholdOperator.Less, 0.01)]
    [InlineData("http_reqs: rate > 50", ThresholdMetric.Rps, null, ThresholdOperator.Greater, 50.0)]
    [InlineData("http_reqs: count >= 10", ThresholdMetric.Count, null, ThresholdOperator.GreaterOrEqual, 10.0)]
    [InlineData("dropped_iterations: count == 0", ThresholdMetric.Dropped, null, ThresholdOperator.Equal, 0.0)]
    public void Parses_k6_grammar(string text, ThresholdMetric metric, double? percentile, ThresholdOperator op, double value)
    {
        var t = Threshold.Parse(text);
        Assert.Equal((metric, percentile, op), (t.Metric, t.Percentile, t.Operator));
        Assert.Equal(value, t.Value, 12);
        Assert.Equal(text.Trim(), t.Expression);
    }

    [Theory]
    [InlineData("p99 < 500", "write p(99), not p99")]
    [InlineData("p(0) < 5", "percentile '0' must be a number in (0, 100], e.g. p(99) or p(99.9)")]
    [InlineData("p(101) < 5", "percentile '101' must be a number in (0, 100], e.g. p(99) or p(99.9)")]
    [InlineData("avg 200", "expected an operator after the aggregate: <, <=, >, >=, == or !=")]
    [InlineData("avg = 200", "'=' is not an operator; use == (or <, <=, >, >=, !=)")]
    [InlineData("avg <", "expected a value after the operator")]
    [InlineData("avg < fast", "'fast' is not a latency (a number of ms, or with a unit: 250ms, 1.5s)")]
    [InlineData("avg < -1", "a latency cannot be negative")]
    [InlineData("errors < 2", "'2' is not an error rate: use a fraction from 0 to 1 (0.01) or a percentage (1%)")]
    [InlineData("errors < 120%", "'120%' is not a percentage between 0% and 100%")]
    [InlineData("rps > many", "'many' is not a non-negative number (requests per second)")]
    [InlineData("rate < 0.01", "'rate' is ambiguous here: write errors < 1% for the error rate or rps > 100 for throughput")]
    [InlineData("avgg < 5", "unknown aggregate 'avgg' (use one of: p(N), avg, med, min, max, errors, rps, count, dropped); did you mean 'avg'?")]
    [InlineData("  ", "empty threshold (expected e.g. p(99) < 500 or errors < 1%)")]
    [InlineData("http_req_failed: p(99) < 5", "http_req_failed takes rate, not 'p(99)'")]
    [InlineData("http_reqs: avg < 5", "http_reqs takes rate or count, not 'avg'")]
    [InlineData("http_req_duration: rate < 5", "http_req_duration takes avg, med, min, max or p(N), not 'rate'")]
    [InlineData("http_req_duraton: p(99) < 5", "unknown metric 'http_req_duraton' (k6 metrics LoadLab measures: http_req_duration, http_req_failed, http_reqs, dropped_iterations); did you mean 'http_req_duration'?")]
    [InlineData("http_req_failed: rate < 5%%", "'5%%' is not a percentage between 0% and 100%")]
    public void Refuses_with_a_reason(string text, string expected)
    {
        Assert.False(Threshold.TryParse(text, out var t, out var error));
        Assert.Null(t);
        Assert.Equal(expected, error);
    }

    private static ThresholdMetrics Metrics(long requests = 1000, long errors = 5, double rps = 120) => new()
    {
        // A linear latency distribution: p(N) = 10·N ms, so p(99) = 990 ms, p(50) = 500 ms.
        LatencyPercentileMs = p => 10 * p,
        MeanLatencyMs = 480,
        MinLatencyMs = 3,
        MaxLatencyMs = 1500,
        Requests = requests,
        Errors = errors,
        Dropped = 2,
        AchievedRps = rps,
    };

    [Theory]
    [InlineData("p(99) < 500", false, 990.0, "p(99) = 990 ms (FAILED: needs < 500 ms)")]
    [InlineData("p(99) < 1s", true, 990.0, "p(99) = 990 ms (ok: needs < 1000 ms)")]
    [InlineData("p(90)<=900", true, 900.0, "p(90) = 900 ms (ok: needs <= 900 ms)")]
    [InlineData("med < 500", false, 500.0, "med = 500 ms (FAILED: needs < 500 ms)")]
    [InlineData("avg < 500", true, 480.0, "avg = 480 ms (ok: needs < 500 ms)")]
    [InlineData("min > 5", false, 3.0, "min = 3 ms (FAILED: needs > 5 ms)")]
    [InlineData("max < 2s", true, 1500.0, "max = 1500 ms (ok: needs < 2000 ms)")]
    [InlineData("errors < 1%", true, 0.005, "errors = 0.5% (ok: needs < 1%)")]
    [InlineData("errors < 0.004", false, 0.005, "errors = 0.5% (FAILED: needs < 0.4%)")]
    [InlineData("rps > 100", true, 120.0, "rps = 120 rps (ok: needs > 100 rps)")]
    [InlineData("count >= 1001", false, 1000.0, "count = 1000 (FAILED: needs >= 1001)")]
    [InlineData("dropped == 0", false, 2.0, "dropped = 2 (FAILED: needs == 0)")]
    public void Evaluates_against_metrics(string text, bool passed, double observed, string detail)
    {
        var outcome = ThresholdEvaluator.Evaluate(Threshold.Parse(text), Metrics());
        Assert.Equal(passed, outcome.Passed);
        Assert.Equal(observed, outcome.Observed!.Value, 9);
        Assert.Equal(detail, outcome.Detail);
        var result = outcome.ToResult();
        Assert.Equal((text, passed), (result.Expression, result.Passed));
    }

    [Fact]
    public void Nothing_observed_fails_instead_of_passing_silently()
    {
        var empty = new ThresholdMetrics { LatencyPercentileMs = _ => null, Requests = 0, Errors = 0 };
        var outcomes = ThresholdEvaluator.EvaluateAll(["p(99) < 500", "errors < 1%", "count == 0"], empty);
        Assert.Equal([false, false, true], outcomes.Select(o => o.Passed));
        Assert.Null(outcomes[0].Observed);
        Assert.Equal("p(99): no latency samples (needs < 500 ms)", outcomes[0].Detail);
        Assert.Equal("errors: no completed requests (needs < 1%)", outcomes[1].Detail);
        Assert.True(double.IsNaN(outcomes[0].ToResult().Observed));
    }

    [Theory]
    [InlineData("max < 1s", true)]          // observed 1500 ms: max never comes down
    [InlineData("min > 5", true)]           // observed 3 ms: min never goes up
    [InlineData("dropped == 0", true)]      // observed 2: dropped never goes down
    [InlineData("count <= 999", true)]      // observed 1000
    [InlineData("p(99) < 500", false)]      // percentiles can recover
    [InlineData("errors < 0.004", false)]
    [InlineData("count >= 1001", false)]    // more requests may still come
    [InlineData("max < 2s", false)]         // passing: nothing to abort
    public void Knows_which_failures_are_final(string text, bool final)
    {
        Assert.Equal(final, ThresholdEvaluator.CannotRecover(ThresholdEvaluator.Evaluate(Threshold.Parse(text), Metrics())));
    }

    [Fact]
    public void Canonical_text_names_units()
    {
        Assert.Equal("p(99.9) < 1000 ms", Threshold.Parse("p(99.9)<1s").ToString());
        Assert.Equal("errors < 1%", Threshold.Parse("errors<0.01").ToString());
        Assert.Equal("med <= 20 ms", Threshold.Parse("med<=20").ToString());
    }
}
