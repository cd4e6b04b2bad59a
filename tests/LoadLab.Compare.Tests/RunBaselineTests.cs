using LoadLab.Compare.Exporters;
using LoadLab.Compare.Model;
using LoadLab.Core.Json;
using Xunit.Abstractions;

namespace LoadLab.Compare.Tests;

/// <summary><c>loadlab run --baseline DIR</c>: checked before any load, compared before the report, which shows it.</summary>
[Collection(SimRunsCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class RunBaselineTests(SimRuns runs, ITestOutputHelper output)
{
    private Task<(int Code, string Out, string Err)> Loadlab(params string[] args) => CliRun.RunAsync(output, args);

    [Fact]
    public async Task A_run_on_half_the_fleet_regresses_against_its_baseline_and_exits_1()
    {
        await using var sim = await SimRuns.StartSimAsync(instances: 1);
        var scenario = Path.Combine(runs.Root, "run-baseline.yaml");
        File.WriteAllText(scenario, SimRuns.ScenarioYaml(sim.InvocationsUrl));
        var runDir = Path.Combine(runs.Root, "run-with-baseline");
        var (code, stdout, _) = await Loadlab("run", scenario, "--out", runDir, "--baseline", runs.Baseline, "--sample-instances", "off",
            // The ladder is too short for simulate to fit a curve on one instance; the comparison needs only the load.
            "--stages", "load,analyze,report");
        Assert.Equal(1, code);
        Assert.Contains("REGRESSION p(90) < baseline * 1.10", stdout);
        var c = LoadLabJson.Deserialize<ComparisonResult>(File.ReadAllText(Path.Combine(runDir, CompareJson.FileName)));
        Assert.Contains("p(90) < baseline * 1.10", c.Regressions);
        Assert.Equal(Path.GetFullPath(runs.Baseline), c.Baseline.Directory);
        Assert.True(File.Exists(Path.Combine(runDir, CompareJunit.FileName)));
        // Compared before the report stage: the report, summary.md and verdict.json carry the comparison.
        Assert.Contains("Against the baseline", File.ReadAllText(Path.Combine(runDir, "report.html")));
        Assert.Contains("## Against the baseline", File.ReadAllText(Path.Combine(runDir, "summary.md")));
        Assert.Contains("\"regression\": true", File.ReadAllText(Path.Combine(runDir, "verdict.json")));
        Assert.True(stdout.IndexOf("── compare ──", StringComparison.Ordinal) < stdout.IndexOf("── report ──", StringComparison.Ordinal), "compare runs before the report");
    }

    [Fact]
    public async Task A_baseline_of_another_scenario_is_refused_before_any_load()
    {
        var scenario = Path.Combine(runs.Root, "other.yaml");
        // Nothing listens on this port: the run must stop before sending anything.
        File.WriteAllText(scenario, SimRuns.ScenarioYaml("http://127.0.0.1:9/invocations").Replace($"name: {SimRuns.Scenario}", "name: other"));
        var runDir = Path.Combine(runs.Root, "refused-run");
        var (code, _, err) = await Loadlab("run", scenario, "--out", runDir, "--baseline", runs.Baseline);
        Assert.Equal(2, code);
        Assert.Contains($"{Path.Combine(runs.Baseline, "run.json")}: scenario_name: the baseline is a run of scenario '{SimRuns.Scenario}', this run is of 'other'", err);
        Assert.False(Directory.Exists(runDir));

        (code, _, err) = await Loadlab("run", scenario, "--out", runDir, "--baseline", runs.Baseline, "--baseline-threshold", "p(90) <");
        Assert.Equal(2, code);
        Assert.Contains("--baseline-threshold: p(90) <: column 8: expected 'baseline'", err);
        Assert.False(Directory.Exists(runDir));
    }
}
