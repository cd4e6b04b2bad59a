using LoadLab.Core.Json;
using LoadLab.Core.RunFiles;
using LoadLab.TestSupport;
using Xunit.Abstractions;

namespace LoadLab.Cli.Tests;

/// <summary><c>-e</c>, <c>--set</c> and <c>--smoke</c> on real loads against the sim, and bad input refused before any load.</summary>
[Collection(ProcessEnvironment.Name)]
public sealed class ScenarioParameterFlagsTests(HttpSimFixture sim, ITestOutputHelper output) : IClassFixture<HttpSimFixture>, IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>A one-phase constant scenario whose rate and duration are variables.</summary>
    private string Parameterised()
    {
        var path = _dir.File("param.yaml");
        File.WriteAllText(path, $$"""
            name: param
            target: { kind: http, url: "{{sim.InvocationsUrl}}", method: POST }
            payload: { contentType: application/json, inline: '{"x": 1}' }
            load:
              phases:
                - { shape: constant, rate: "${RATE}", duration: "${LENGTH:-2s}", arrivals: uniform }
              warmupRequests: 0
              gracefulStop: 2s
            seed: 3
            """);
        return path;
    }

    [Fact]
    public async Task Dash_e_and_set_reach_the_load_that_is_sent()
    {
        var runDir = _dir.File("run");
        var r = await CliHarness.RunAsync(output, "run", Parameterised(), "--out", runDir, "--stages", "load",
            "-e", "RATE=5", "--set", "load.phases[0].rate=20");

        Assert.Equal(0, r.Code);
        var run = LoadLabJson.Deserialize<RunInfo>(File.ReadAllText(new RunDirectory(runDir).RunJson));
        // 20 requests/s evenly spaced for the default 2 s: the --set rate, not -e's 5.
        Assert.Equal(40, run.Totals!.Scheduled);
        Assert.Equal(TimeSpan.FromSeconds(2), run.Phases.Single().EndUtc - run.Phases.Single().StartUtc);
    }

    [Fact]
    public async Task An_unset_variable_exits_2_with_its_location_and_writes_nothing()
    {
        var runDir = _dir.File("run");
        var r = await CliHarness.RunAsync(output, "run", Parameterised(), "--out", runDir);

        Assert.Equal(2, r.Code);
        Assert.Contains("param.yaml:6:33: load.phases[0].rate: variable RATE is not set", r.Err);
        Assert.False(Directory.Exists(runDir), "the run directory was created");
    }

    [Theory]
    [InlineData("load.phases[1].rate=5", "--set load.phases[1].rate=5: load.phases[1].rate: the scenario has 1 phase (load.phases[0] to load.phases[0])")]
    [InlineData("load.phases[0].rat=5", "--set load.phases[0].rat=5: load.phases[0].rat: unknown field 'rat' (did you mean 'rate'?)")]
    [InlineData("load.phases[0].rate=-5", "--set load.phases[0].rate=-5: load.phases[0].rate: must be > 0; got -5")]
    public async Task A_bad_set_exits_2_naming_the_flag_as_typed_and_writes_nothing(string set, string message)
    {
        var runDir = _dir.File("run");
        var r = await CliHarness.RunAsync(output, "run", Parameterised(), "--out", runDir, "-e", "RATE=5", "--set", set);

        Assert.Equal(2, r.Code);
        Assert.Contains(message, r.Err);
        Assert.DoesNotContain("   at ", r.Err); // no stack trace
        Assert.False(Directory.Exists(runDir), "the run directory was created");
    }

    [Fact]
    public async Task Validate_takes_the_same_flags()
    {
        var ok = await CliHarness.RunAsync(output, "validate", Parameterised(), "-e", "RATE=5", "--set", "load.phases[0].duration=1m");
        Assert.Equal(0, ok.Code);
        Assert.Contains("(1 phase, 1m, ~300 requests)", ok.Out);
        var bad = await CliHarness.RunAsync(output, "validate", Parameterised(), "-e", "RATE");
        Assert.Equal(2, bad.Code);
        Assert.Contains("-e RATE: expected NAME=VALUE", bad.Err);
    }

    [Fact]
    public async Task Smoke_runs_each_phase_five_seconds_at_two_requests_per_second_under_its_own_name()
    {
        var runDir = _dir.File("smoke");
        var ladder = sim.Ladder(_dir.Path, thresholds: "[ \"errors < 50%\" ]");
        var r = await CliHarness.RunAsync(output, "run", ladder, "--out", runDir, "--smoke");

        Assert.Equal(0, r.Code);
        Assert.Contains("smoke run: 1 phase, 5s, ~10 requests (the scenario itself: 1 phase, 18s, ~3,600 requests)", r.Out);
        var dir = new RunDirectory(runDir);
        var run = LoadLabJson.Deserialize<RunInfo>(File.ReadAllText(dir.RunJson));
        Assert.Equal("ladder-smoke", run.ScenarioName);
        Assert.Equal("constant", run.Phases.Single().Shape);
        Assert.Equal(TimeSpan.FromSeconds(5), run.Phases.Single().EndUtc - run.Phases.Single().StartUtc);
        Assert.InRange(run.Totals!.Scheduled, 1, 30); // a seeded Poisson process around 10 (the ladder's default arrivals)
        Assert.True(run.Thresholds.Single().Passed);
        Assert.False(File.Exists(dir.AnalysisJson), "--smoke ran the analysis; its --stages default is load");
    }
}
