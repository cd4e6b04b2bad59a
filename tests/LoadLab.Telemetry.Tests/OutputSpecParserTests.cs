using LoadLab.Telemetry.Outputs;

namespace LoadLab.Telemetry.Tests;

public sealed class OutputSpecParserTests
{
    [Fact]
    public void Outputs_and_the_run_directory_are_told_apart()
    {
        var parsed = OutputSpecParser.Parse(["reports/x", "otlp", "prometheus=:9999", "jsonl=live.jsonl"]);
        Assert.Equal("reports/x", parsed.RunDirectory);
        Assert.Equal(TelemetryOptions.DefaultOtlpEndpoint, parsed.Options.OtlpEndpoint);
        Assert.Equal(9999, parsed.Options.PrometheusPort);
        Assert.Equal("live.jsonl", parsed.Options.JsonlPath);
    }

    [Fact]
    public void Defaults_apply_to_bare_outputs_and_nothing_is_on_unless_asked()
    {
        Assert.False(OutputSpecParser.Parse(["dir"]).Options.Any);
        Assert.Null(OutputSpecParser.Parse([]).RunDirectory);
        Assert.Equal(TelemetryOptions.DefaultPrometheusPort, OutputSpecParser.Parse(["prometheus"]).Options.PrometheusPort);
        Assert.Equal(TelemetryOptions.DefaultDashboardPort, OutputSpecParser.DashboardPort(""));
        Assert.Equal(7000, OutputSpecParser.DashboardPort(":7000"));
    }

    [Theory]
    [InlineData("otlp=http://127.0.0.1:4318", "http://127.0.0.1:4318/v1/metrics")]
    [InlineData("otlp=http://127.0.0.1:4318/", "http://127.0.0.1:4318/v1/metrics")]
    [InlineData("otlp=https://collector.internal:4318/custom/path", "https://collector.internal:4318/custom/path")]
    public void An_otlp_url_gets_the_metrics_path_only_when_it_has_none(string value, string expected) =>
        Assert.Equal(new Uri(expected), OutputSpecParser.Parse([value]).Options.OtlpEndpoint);

    [Fact]
    public void A_directory_named_like_an_output_is_written_with_a_path()
    {
        var parsed = OutputSpecParser.Parse(["./otlp"]);
        Assert.Equal("./otlp", parsed.RunDirectory);
        Assert.False(parsed.Options.Any);
    }

    [Theory]
    [InlineData("prometheus=:0", "prometheus=:0")]
    [InlineData("prometheus=host:9090", "expected :PORT")]
    [InlineData("jsonl=", "jsonl needs a file")]
    [InlineData("otlp=ftp://x", "http(s) URL")]
    public void Malformed_outputs_are_refused_naming_the_value(string value, string expected)
    {
        var e = Assert.Throws<FormatException>(() => OutputSpecParser.Parse([value]));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_run_directories_are_refused()
    {
        var e = Assert.Throws<FormatException>(() => OutputSpecParser.Parse(["a", "b"]));
        Assert.Contains("second run directory", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_validate_their_limits()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TelemetryOptions { QueueCapacity = 0 }.Validate());
        Assert.Throws<ArgumentException>(() => new TelemetryOptions { PrometheusPort = 9000, DashboardPort = 9000 }.Validate());
        new TelemetryOptions { PrometheusPort = 9000, DashboardPort = 9001 }.Validate();
    }
}
