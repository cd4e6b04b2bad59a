using LoadLab.Core.Errors;
using LoadLab.Core.Scenarios;
using LoadLab.Core.Scenarios.Parameters;

namespace LoadLab.Core.Tests.Scenarios;

/// <summary><c>${NAME}</c> / <c>${NAME:-default}</c> references, <c>-e NAME=VALUE</c> and <c>--set path=value</c>.</summary>
public class ScenarioParametersTests
{
    private const string Yaml = """
        name: params
        target:
          endpoint: ${ENDPOINT}
          region: ${REGION:-us-east-1}
        load:
          phases:
            - { shape: constant, rate: "${RATE:-5}", duration: 30s }
            - { shape: steps, from: 2, to: 10, step: 2, hold: 20s }
        """;

    private static ScenarioInputs Env(Dictionary<string, string> env, string[]? e = null, string[]? set = null) =>
        ScenarioInputs.FromFlags(e ?? [], set ?? []) with { Environment = n => env.GetValueOrDefault(n) };

    private static ScenarioValidation Parse(string text, ScenarioInputs inputs) =>
        ScenarioLoader.Parse(text, "scenarios/p.yaml", baseDirectory: "/tmp", inputs: inputs);

    private static string[] Problems(ScenarioValidation v) => v.Problems.Select(p => p.ToString()).ToArray();

    [Fact]
    public void References_take_the_environment_and_defaults_and_a_quoted_whole_reference_reads_as_a_number()
    {
        var s = Parse(Yaml, Env(new() { ["ENDPOINT"] = "ep-from-env" })).GetOrThrow();
        Assert.Equal("ep-from-env", s.Target.Endpoint);
        Assert.Equal("us-east-1", s.Target.Region);
        Assert.Equal(5, s.Load.Phases[0].Rate);
    }

    [Fact]
    public void Dash_e_wins_over_the_environment_and_an_empty_value_takes_the_default()
    {
        var s = Parse(Yaml, Env(new() { ["ENDPOINT"] = "env", ["RATE"] = "" }, e: ["ENDPOINT=from-flag", "REGION=eu-west-1"])).GetOrThrow();
        Assert.Equal("from-flag", s.Target.Endpoint);
        Assert.Equal("eu-west-1", s.Target.Region);
        Assert.Equal(5, s.Load.Phases[0].Rate);
    }

    [Fact]
    public void An_unset_variable_without_default_names_file_line_column_field_and_variable()
    {
        var v = Parse(Yaml, Env([]));
        Assert.False(v.IsValid);
        Assert.Equal(
            ["scenarios/p.yaml:3:13: target.endpoint: variable ENDPOINT is not set: set it in the environment, pass -e ENDPOINT=VALUE, or give a default (${ENDPOINT:-value})"],
            Problems(v));
    }

    [Fact]
    public void Expanded_values_are_validated_like_written_ones()
    {
        var v = Parse(Yaml, Env(new() { ["ENDPOINT"] = "ep", ["RATE"] = "-3" }));
        Assert.Equal(["scenarios/p.yaml:7:32: load.phases[0].rate: must be > 0; got -3"], Problems(v));
    }

    [Fact]
    public void Unclosed_and_malformed_references_are_located_and_a_double_dollar_is_a_literal()
    {
        var v = Parse("name: x\ndescription: cost ${OPEN\ntarget: { endpoint: \"${1X}\" }\nload: { phases: [ { shape: pause, duration: 1s } ] }\n", Env([]));
        Assert.Equal(
        [
            "scenarios/p.yaml:2:19: description: '${OPEN' is not closed: write ${NAME} or ${NAME:-default}",
            "scenarios/p.yaml:3:22: target.endpoint: '1X' in ${1X} is not a variable name (letters, digits and '_', not starting with a digit)",
        ], Problems(v));
        var literal = Parse("name: x\ndescription: costs $${HOME} and $5\ntarget: { endpoint: ep }\nload: { phases: [ { shape: pause, duration: 1s } ] }\n", Env([]));
        Assert.Equal("costs ${HOME} and $5", literal.GetOrThrow().Description);
    }

    [Fact]
    public void Set_changes_a_phase_field_a_target_field_and_adds_a_section_the_file_leaves_out()
    {
        var s = Parse(Yaml, Env(new() { ["ENDPOINT"] = "ep" },
            set: ["load.phases[0].rate=50", "load.phases[1].hold=1m", "target.endpoint=other", "recommend.peakRps=120", "seed=7"])).GetOrThrow();
        Assert.Equal(50, s.Load.Phases[0].Rate);
        Assert.Equal(TimeSpan.FromMinutes(1), s.Load.Phases[1].Hold);
        Assert.Equal("other", s.Target.Endpoint);
        Assert.Equal(120, s.Recommend.PeakRps);
        Assert.Equal(7, s.Seed);
    }

    [Fact]
    public void Bad_set_paths_name_the_flag_as_typed_with_the_nearest_field()
    {
        var v = Parse(Yaml, Env(new() { ["ENDPOINT"] = "ep" }, set:
        [
            "load.phases[0].rat=50", "load.phases[2].rate=1", "load.phases[1].rate=3", "target.endpont=x", "load=3",
            "thresholds=p(99)<5", "slo.latency.ms.x=1",
        ]));
        Assert.Equal(
        [
            "--set load.phases[0].rat=50: load.phases[0].rat: unknown field 'rat' (did you mean 'rate'?)",
            "--set load.phases[2].rate=1: load.phases[2].rate: the scenario has 2 phases (load.phases[0] to load.phases[1])",
            "--set load.phases[1].rate=3: load.phases[1].rate: unknown field 'rate' (a steps phase takes: shape, from, to, step, hold, warmup, arrivals)",
            "--set target.endpont=x: target.endpont: unknown field 'endpont' in target (did you mean 'endpoint'?)",
            "--set load=3: load: load is a section; set one of its fields: load.model, load.maxInFlight, load.thinkTime, load.gracefulStop, load.arrivals, load.warmupRequests",
            "--set thresholds=p(99)<5: thresholds: thresholds is a list of expressions, which --set does not change; use ${NAME} inside an expression instead",
            "--set slo.latency.ms.x=1: slo.latency.ms.x: slo.latency.ms holds a single value, not fields",
        ], Problems(v));
    }

    [Fact]
    public void A_bad_value_given_by_set_names_the_flag_not_the_line_it_replaced()
    {
        var v = Parse(Yaml, Env(new() { ["ENDPOINT"] = "ep" }, set: ["load.phases[0].rate=fast"]));
        Assert.Equal(["--set load.phases[0].rate=fast: load.phases[0].rate: expected a number, got 'fast'"], Problems(v));
    }

    [Fact]
    public void Flags_that_are_not_name_value_pairs_are_refused_as_typed()
    {
        var e = Assert.Throws<UserInputException>(() => ScenarioInputs.FromFlags(["RATE", "9X=1"], ["rate"]));
        Assert.Equal(
        [
            "-e RATE: expected NAME=VALUE (e.g. -e ENDPOINT=my-endpoint)",
            "-e 9X=1: '9X' is not a variable name (letters, digits and '_', not starting with a digit)",
            "--set rate: expected path=value, e.g. --set load.phases[0].rate=50",
        ], e.Problems.Select(p => p.ToString()).ToArray());
    }

    [Fact]
    public void A_file_without_references_loads_the_same_with_or_without_inputs()
    {
        const string plain = "name: x\ntarget: { endpoint: ep }\nload: { phases: [ { shape: constant, rate: 3, duration: 10s } ] }\n";
        var a = Parse(plain, ScenarioInputs.None).GetOrThrow();
        var b = Parse(plain, Env(new() { ["X"] = "1" })).GetOrThrow();
        Assert.Equal(a.Load.Phases[0], b.Load.Phases[0]);
        Assert.Equal(a.Target with { Headers = b.Target.Headers }, b.Target);
    }
}
