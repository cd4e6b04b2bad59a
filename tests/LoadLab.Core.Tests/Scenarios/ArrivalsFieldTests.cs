using LoadLab.Core.Scenarios;

namespace LoadLab.Core.Tests.Scenarios;

public sealed class ArrivalsFieldTests
{
    private const string Target = "target: { kind: http, url: 'http://127.0.0.1:1/' }\n";

    private static ScenarioValidation Parse(string load) => ScenarioLoader.Parse("name: a\n" + Target + load, "a.yaml");

    [Fact]
    public void Arrivals_reads_at_load_level_and_per_phase()
    {
        var s = Parse("""
            load:
              arrivals: uniform
              phases:
                - { shape: steps, from: 10, to: 20, step: 10, hold: 10s }
                - { shape: ramp, from: 1, to: 5, duration: 10s, arrivals: poisson }
                - { shape: constant, rate: 3, duration: 10s }
            """).GetOrThrow();
        Assert.Equal(ArrivalProcess.Uniform, s.Load.Arrivals);
        Assert.Equal([null, ArrivalProcess.Poisson, null], s.Load.Phases.Select(p => p.Arrivals));
        Assert.Equal([ArrivalProcess.Uniform, ArrivalProcess.Poisson, ArrivalProcess.Uniform],
            RateProfile.For(s.Load).Phases.Select(p => p.Arrivals));
    }

    [Fact]
    public void Without_the_field_ladders_and_ramps_are_poisson_and_other_shapes_uniform()
    {
        var s = Parse("""
            load:
              phases:
                - { shape: steps, from: 10, to: 20, step: 10, hold: 10s }
                - { shape: ramp, from: 1, to: 5, duration: 10s }
                - { shape: spike, base: 1, peak: 5, duration: 10s }
            """).GetOrThrow();
        Assert.Equal([ArrivalProcess.Poisson, ArrivalProcess.Poisson, ArrivalProcess.Uniform], RateProfile.For(s.Load).Phases.Select(p => p.Arrivals));
    }

    [Theory]
    [InlineData("load:\n  arrivals: poison\n  phases: [ { shape: constant, rate: 1, duration: 1s } ]\n", "load.arrivals", "did you mean 'poisson'")]
    [InlineData("load:\n  model: closed\n  arrivals: poisson\n  phases: [ { shape: constant, users: 1, duration: 1s } ]\n", "load.arrivals", "open model only")]
    [InlineData("load:\n  phases: [ { shape: poisson, rate: 1, duration: 1s, arrivals: uniform } ]\n", "load.phases[0].arrivals", "shape: constant")]
    [InlineData("load:\n  phases: [ { shape: pause, duration: 1s, arrivals: uniform } ]\n", "load.phases[0].arrivals", "")]
    public void Bad_arrivals_are_located_problems(string load, string field, string message)
    {
        var v = Parse(load);
        Assert.False(v.IsValid);
        var p = Assert.Single(v.Problems, p => p.Field == field);
        Assert.Contains(message, p.Message);
        Assert.True(p.Line > 0);
    }
}

public sealed class WarmupRequestsFieldTests
{
    private static ScenarioValidation Parse(string value) => ScenarioLoader.Parse(
        "name: a\ntarget: { kind: http, url: 'http://127.0.0.1:1/' }\nload:\n  warmupRequests: " + value + "\n  phases: [ { shape: constant, rate: 1, duration: 1s } ]\n", "a.yaml");

    [Fact]
    public void Warmup_requests_default_to_32_and_take_zero()
    {
        Assert.Equal(32, ScenarioLoader.Parse("name: a\ntarget: { kind: http, url: 'http://127.0.0.1:1/' }\nload:\n  phases: [ { shape: constant, rate: 1, duration: 1s } ]\n", "a.yaml").GetOrThrow().Load.WarmupRequests);
        Assert.Equal(0, Parse("0").GetOrThrow().Load.WarmupRequests);
        Assert.Equal(100, Parse("100").GetOrThrow().Load.WarmupRequests);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("2.5")]
    [InlineData("many")]
    public void A_bad_count_is_a_located_problem(string value)
    {
        var v = Parse(value);
        var p = Assert.Single(v.Problems);
        Assert.Equal("load.warmupRequests", p.Field);
        Assert.Equal(4, p.Line);
    }
}
