using LoadLab.Core.Scenarios;
using LoadLab.Core.Scenarios.Parameters;
using LoadLab.Engine.Running;

namespace LoadLab.Engine.Tests;

/// <summary>run.json's resolved scenario keeps header names but never their values (a token may come from a variable).</summary>
public sealed class ResolvedScenarioTests
{
    [Fact]
    public void Header_values_from_a_variable_do_not_reach_run_json()
    {
        const string yaml = """
            name: h
            target: { kind: http, url: "http://127.0.0.1:1/", headers: { Authorization: "Bearer ${TOKEN}", X-Team: ml } }
            load: { phases: [ { shape: constant, rate: 1, duration: 1s } ] }
            """;
        var scenario = ScenarioLoader.Parse(yaml, "h.yaml", "/tmp",
            inputs: new ScenarioInputs { Environment = n => n == "TOKEN" ? "s3cr3t-value" : null }).GetOrThrow();
        Assert.Equal("Bearer s3cr3t-value", scenario.Target.Headers["Authorization"]); // the request still carries it

        var json = RunInfoBuilder.ResolvedScenario(scenario).GetRawText();
        Assert.DoesNotContain("s3cr3t-value", json, StringComparison.Ordinal);
        var headers = RunInfoBuilder.ResolvedScenario(scenario).GetProperty("target").GetProperty("headers");
        Assert.Equal(RunInfoBuilder.RedactedHeader, headers.GetProperty("Authorization").GetString());
        Assert.Equal(RunInfoBuilder.RedactedHeader, headers.GetProperty("X-Team").GetString());
    }
}
