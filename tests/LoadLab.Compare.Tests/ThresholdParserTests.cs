using LoadLab.Compare.Thresholds;
using LoadLab.Core.Errors;

namespace LoadLab.Compare.Tests;

public class ThresholdParserTests
{
    [Theory]
    [InlineData("p(90) < baseline * 1.10", RegressionMetric.LatencyPercentile, 90.0, true, 1.10, 0, 100, 109.9)]
    [InlineData("p(99.9)<=baseline*2", RegressionMetric.LatencyPercentile, 99.9, false, 2, 0, 100, 200)]
    [InlineData("med < baseline + 5ms", RegressionMetric.LatencyPercentile, 50.0, true, 1, 5, 100, 104.9)]
    [InlineData("avg < baseline + 0.5 s", RegressionMetric.LatencyAvg, null, true, 1, 500, 100, 599)]
    [InlineData("errors < baseline + 1%", RegressionMetric.ErrorRate, null, true, 1, 0.01, 0.02, 0.0299)]
    [InlineData("errors <= baseline", RegressionMetric.ErrorRate, null, false, 1, 0, 0.02, 0.02)]
    [InlineData("sustainable > baseline * 0.95", RegressionMetric.Sustainable, null, true, 0.95, 0, 1000, 950.1)]
    [InlineData("SUSTAINABLE >= baseline - 50", RegressionMetric.Sustainable, null, false, 1, -50, 1000, 950)]
    public void Parses_and_limits(string text, RegressionMetric metric, double? percentile, bool strict, double factor, double offset,
        double baseline, double justHolding)
    {
        var t = RegressionThresholdParser.Parse(text);
        Assert.Equal(metric, t.Metric);
        Assert.Equal(percentile, t.Percentile);
        Assert.Equal(strict, t.Strict);
        Assert.Equal(factor, t.Factor, 12);
        Assert.Equal(offset, t.Offset, 12);
        var limit = t.Limit(baseline);
        Assert.True(t.Holds(justHolding, limit), $"{justHolding} against {limit}");
        // One step past the limit on the wrong side breaks it.
        Assert.False(t.Holds(t.UpperBound ? limit + 1e-6 : limit - 1e-6, limit));
    }

    [Theory]
    [InlineData("p(90) < baseline * x", 20, "positive number after '*'")]
    [InlineData("p(90) > baseline * 0.9", 7, "bounded from above")]
    [InlineData("sustainable < baseline", 13, "bounded from below")]
    [InlineData("latency < baseline", 1, "unknown metric 'latency'")]
    [InlineData("p(90) < 250", 9, "expected 'baseline'")]
    [InlineData("p(90) baseline", 7, "expected an operator")]
    [InlineData("p(90) < baseline + 10%", 23, "in ms or s")]
    [InlineData("p(90) < baseline * 1.1 ms", 24, "unexpected 'ms'")]
    [InlineData("p(100) < baseline", 1, "percentile in (0, 100)")]
    public void Bad_thresholds_name_the_column(string text, int column, string message)
    {
        Assert.False(RegressionThresholdParser.TryParse(text, out _, out var col, out var error));
        Assert.Contains(message, error);
        Assert.Equal(column, col);
    }

    [Fact]
    public void ParseAll_reports_every_bad_threshold_with_the_flag()
    {
        var e = Assert.Throws<UserInputException>(() => RegressionThresholdParser.ParseAll(["p(90) < baseline", "x < baseline", "p(9O) < 1"]));
        Assert.Equal(2, e.Problems.Count);
        Assert.All(e.Problems, p => Assert.Equal("--threshold", p.File));
        Assert.Equal("x < baseline", e.Problems[0].Field);
        Assert.Contains("column 1", e.Problems[0].Message);
    }

    [Fact]
    public void Defaults_parse()
    {
        Assert.Equal(RegressionThreshold.DefaultExpressions.Count, RegressionThreshold.Defaults.Count);
        Assert.Contains(RegressionThreshold.Defaults, t => t.Metric == RegressionMetric.Sustainable && t.Factor == 0.95);
    }
}
