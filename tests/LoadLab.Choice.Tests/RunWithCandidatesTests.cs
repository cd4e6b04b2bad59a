using LoadLab.Choice.Model;
using LoadLab.Core.Json;
using LoadLab.Core.RunFiles;
using LoadLab.SimEndpoint.Hosting;
using LoadLab.TestSupport;
using Xunit.Abstractions;

namespace LoadLab.Choice.Tests;

/// <summary>`loadlab run` of a scenario with candidates: one sub-run per candidate with every file, then the choice.</summary>
[Trait("Category", "EndToEnd")]
public sealed class RunWithCandidatesTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDir _dir = new("loadlab-choose-run");

    public void Dispose() => _dir.Dispose();

    private async Task<(int Code, string Out, string Err)> Loadlab(params string[] args)
    {
        var (o, e) = (new StringWriter(), new StringWriter());
        var code = await Cli.LoadLabApp.RunAsync(args, o, e);
        output.WriteLine($"loadlab {string.Join(' ', args)} -> {code}\n{o}\n{e}");
        return (code, o.ToString(), e.ToString());
    }

    private static string Scenario(string slowUrl, string fastUrl, string slowPrice = "pricePerInstanceHour: 0.10") => $$"""
        name: choose-run
        target: { kind: http, url: "{{slowUrl}}", method: POST }
        payload: { contentType: application/json, inline: '{"x":1}' }
        slo: { latency: { percentile: 90, ms: 600 }, maxErrorRate: 0.01 }
        load:
          model: open
          phases:
            - { shape: steps, from: 8, to: 48, step: 8, hold: 5s, warmup: 1s }
        recommend: { peakRps: 100 }
        seed: 7
        candidates:
          - { name: slow, instanceType: ml.c5.xlarge, url: "{{slowUrl}}", {{slowPrice}} }
          - { name: fast, instanceType: ml.g4dn.xlarge, url: "{{fastUrl}}", pricePerInstanceHour: 0.12 }
        """;

    [Fact]
    public async Task Each_candidate_gets_a_sub_run_with_every_file_and_the_run_ends_with_the_choice()
    {
        await using var slow = await SimEndpointHost.StartAsync(CandidateRuns.SimOptions(CandidateRuns.SlowService), new SimEndpointServices { Log = TextWriter.Null, StandaloneReason = "test" });
        await using var fast = await SimEndpointHost.StartAsync(CandidateRuns.SimOptions(CandidateRuns.FastService), new SimEndpointServices { Log = TextWriter.Null, StandaloneReason = "test" });
        var scenario = _dir.Write("choose.yaml", Scenario(slow.InvocationsUrl, fast.InvocationsUrl));
        var trace = _dir.File("trace.csv");
        File.WriteAllText(trace, "period,count\n" + string.Concat(CandidateRuns.TrafficPerMinute.Select((c, i) =>
            $"2026-05-04 {i / 60:00}:{i % 60:00}:00,{c.ToString(System.Globalization.CultureInfo.InvariantCulture)}\n")));
        var outDir = _dir.File("run");

        var (code, stdout, _) = await Loadlab("run", scenario, "--out", outDir, "--stages", "load,analyze,simulate,report", "--traffic", trace);

        Assert.Contains("candidate 1/2: slow (ml.c5.xlarge, 0.1 USD/instance-hour from scenario)", stdout);
        foreach (var name in new[] { "slow", "fast" })
            foreach (var file in new[] { "run.json", "timeline.csv", "steps.csv", "latency.hlog", "analysis.json", "recommendation.json", "simulation.json", "report.html" })
                Assert.True(File.Exists(Path.Combine(outDir, name, file)), $"{name}/{file} missing");
        // The recommendation's cost is at the candidate's price: the recommender's own price field is reused.
        var rec = RunJson.Read<RecommendationFile>(Path.Combine(outDir, "fast", "recommendation.json"));
        Assert.Equal(0.12, rec.Cost!.PricePerInstanceHourUsd);
        var candidates = RunJson.Read<CandidatesFile>(Path.Combine(outDir, CandidatesFile.FileName));
        Assert.Equal(["slow", "fast"], candidates.Candidates.Select(c => c.Name));
        var choice = LoadLabJson.Deserialize<ChoiceFile>(File.ReadAllText(Path.Combine(outDir, ChooseService.JsonFileName)));
        // Same prices as the theory test's first case: fast has twice the capacity for 1.2× the price.
        Assert.Equal("fast", choice.Winner);
        Assert.Contains($"choose: {choice.Verdict}", stdout);
        Assert.Equal(0, code);
    }

    [Fact]
    public async Task An_unknown_instance_type_without_a_price_stops_the_run_before_any_load_naming_its_line()
    {
        var scenario = _dir.Write("choose.yaml", Scenario("http://127.0.0.1:9/a", "http://127.0.0.1:9/b", "instanceType: ml.zz9.mega").Replace("instanceType: ml.c5.xlarge, ", ""));
        var outDir = _dir.File("never");
        var (code, _, stderr) = await Loadlab("run", scenario, "--out", outDir);
        Assert.Equal(2, code);
        Assert.Matches(@"choose\.yaml:12:5: candidates\[0\]\.instanceType: ml\.zz9\.mega is not in the built-in price table", stderr);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public async Task Bad_candidates_are_located_errors_with_the_field_named()
    {
        var scenario = _dir.Write("bad.yaml", """
            name: bad
            target: { kind: sagemaker, endpoint: e, region: us-east-1 }
            payload: { contentType: application/json, inline: '{}' }
            load: { phases: [ { shape: constant, rate: 1, duration: 1s } ] }
            candidates:
              - { variant: cpu, instanceType: c5.xlarge }
              - { instanceType: ml.g4dn.xlarge, pricePerInstanceHour: -1, instancetype: x }
            """);
        var (code, _, stderr) = await Loadlab("validate", scenario);
        Assert.Equal(2, code);
        Assert.Contains("bad.yaml:6:35: candidates[0].instanceType: 'c5.xlarge' is not a SageMaker instance type", stderr);
        Assert.Contains("candidates[1].pricePerInstanceHour: must be a price > 0", stderr);
        Assert.Contains("candidates[1].variant: a SageMaker candidate needs its variant", stderr);
        Assert.Contains("did you mean 'instanceType'", stderr);
    }
}
