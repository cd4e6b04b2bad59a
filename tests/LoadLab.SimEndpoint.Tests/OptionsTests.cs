using LoadLab.Core.Errors;
using LoadLab.SimEndpoint.Options;

namespace LoadLab.SimEndpoint.Tests;

public sealed class OptionsTests
{
    [Theory]
    [InlineData("fixed:20ms", ServiceTimeKind.Fixed, 20, 0)]
    [InlineData("exp:20ms", ServiceTimeKind.Exponential, 20, 1)]
    [InlineData("lognormal:20ms,cv=0.5", ServiceTimeKind.LogNormal, 20, 0.5)]
    [InlineData("fixed:0ms", ServiceTimeKind.Fixed, 0, 0)]
    [InlineData("exp:1.5s", ServiceTimeKind.Exponential, 1500, 1)]
    public void Service_time_specs_parse(string text, ServiceTimeKind kind, double meanMs, double cv)
    {
        Assert.True(ServiceTimeSpec.TryParse(text, out var spec, out var error), error);
        Assert.Equal(kind, spec.Kind);
        Assert.Equal(meanMs, spec.Mean.TotalMilliseconds, 6);
        Assert.Equal(cv, spec.Cv, 6);
    }

    [Theory]
    [InlineData("20ms")]
    [InlineData("gamma:20ms")]
    [InlineData("exp:0ms")]
    [InlineData("fixed:abc")]
    [InlineData("exp:20ms,cv=2")]
    [InlineData("lognormal:20ms,cv=-1")]
    public void Bad_service_time_specs_are_refused_with_a_reason(string text)
    {
        Assert.False(ServiceTimeSpec.TryParse(text, out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void Service_time_samples_have_the_configured_mean_and_cv()
    {
        var spec = new ServiceTimeSpec(ServiceTimeKind.LogNormal, TimeSpan.FromMilliseconds(20), 0.5);
        var rng = new Fleet.CounterRng(7);
        var xs = Enumerable.Range(0, 200_000).Select(_ => spec.SampleSeconds(rng.NextDouble(), rng.NextDouble())).ToArray();
        var mean = xs.Average();
        var sd = Math.Sqrt(xs.Select(x => (x - mean) * (x - mean)).Average());
        Assert.InRange(mean, 0.0195, 0.0205);
        Assert.InRange(sd / mean, 0.48, 0.52);
    }

    [Theory]
    [InlineData("AllTraffic", "AllTraffic", 1, null)]
    [InlineData("blue:3", "blue", 3, null)]
    [InlineData("green:0.5:4", "green", 0.5, 4)]
    public void Variants_parse(string text, string name, double weight, int? instances)
    {
        Assert.True(VariantSpec.TryParse(text, out var v, out var error), error);
        Assert.Equal(new VariantSpec(name, weight, instances), v);
    }

    [Fact]
    public void Defaults_are_valid_and_documented_values()
    {
        var o = new SimEndpointOptions();
        Assert.Empty(o.Validate());
        Assert.Equal(8080, o.Port);
        Assert.Equal(4, o.Workers);
        Assert.Equal(16, o.Queue);
        Assert.Equal(TimeSpan.FromSeconds(60), o.MetricsPeriod);
    }

    [Fact]
    public void Every_bad_flag_is_reported_at_once_naming_the_flag()
    {
        var flags = new SimEndpointFlags
        {
            Port = 70000, Workers = 0, Queue = -1, ServiceTime = "gamma:3ms", Work = "gpu", Routing = "round-robin",
            MetricsPeriod = "7s", ErrorRate = 1.5, TimeScale = 0.5, Variants = ["ok", "ok"], StartupDelay = "ten",
            EndpointName = "bad_name!", ThrottleStatus = 500, SloMs = 100,
        };
        var ex = Assert.Throws<UserInputException>(() => flags.Resolve());
        var fields = ex.Problems.Select(p => p.Field).ToHashSet();
        foreach (var f in new[] { "--port", "--workers", "--queue", "--service-time", "--work", "--routing", "--metrics-period",
                     "--error-rate", "--time-scale", "--variant", "--startup-delay", "--endpoint-name", "--throttle-status", "--slo-ms" })
            Assert.Contains(f, fields);
        Assert.All(ex.Problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Message)));
    }

    [Fact]
    public void Startup_jitter_may_not_exceed_the_delay()
    {
        var ex = Assert.Throws<UserInputException>(() => new SimEndpointFlags { StartupDelay = "2s", StartupJitter = "3s" }.Resolve());
        Assert.Contains(ex.Problems, p => p.Field == "--startup-jitter");
        // A short delay without a jitter flag gets a jitter no larger than itself.
        var (o, _) = new SimEndpointFlags { StartupDelay = "1s" }.Resolve();
        Assert.Equal(TimeSpan.FromSeconds(1), o.StartupJitter);
    }

    [Fact]
    public void Describe_flags_resolve_into_a_request()
    {
        var (o, d) = new SimEndpointFlags { Describe = true, SloPercentile = 99, SloMs = 100, ServiceTime = "exp:10ms", Workers = 2 }.Resolve();
        Assert.NotNull(d);
        Assert.Equal(99, d!.SloPercentile);
        Assert.Equal(100, d.SloMs);
        Assert.Equal(0.01, d.MaxErrorRate);
        Assert.Equal(2, o.Workers);
        Assert.Throws<UserInputException>(() => new SimEndpointFlags { Describe = true, SloPercentile = 100 }.Resolve());
        Assert.Equal(0.05, new SimEndpointFlags { Describe = true, SloMaxErrorRate = 0.05 }.Resolve().Describe!.MaxErrorRate);
        var bad = Assert.Throws<UserInputException>(() => new SimEndpointFlags { Describe = true, SloMaxErrorRate = 1.5 }.Resolve());
        Assert.Contains(bad.Problems, p => p.Field == "--slo-max-error-rate");
        var stray = Assert.Throws<UserInputException>(() => new SimEndpointFlags { SloMaxErrorRate = 0.05 }.Resolve());
        Assert.Contains(stray.Problems, p => p.Field == "--slo-max-error-rate" && p.Message.Contains("only applies with --describe"));
    }

    [Theory]
    [InlineData("250us", 0.25)]
    [InlineData("20ms", 20)]
    [InlineData("1.5s", 1500)]
    [InlineData("2m", 120_000)]
    [InlineData("0", 0)]
    public void Durations_parse(string text, double ms)
    {
        Assert.True(DurationText.TryParse(text, out var t));
        Assert.Equal(ms, t.TotalMilliseconds, 6);
    }
}
