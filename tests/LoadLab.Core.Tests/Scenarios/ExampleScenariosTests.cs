using LoadLab.Core.Scenarios;

namespace LoadLab.Core.Tests.Scenarios;

public class ExampleScenariosTests
{
    /// <summary>The repository's scenarios/ folder (the source tree's path is stamped into the test assembly at build).</summary>
    public static string ScenariosDir { get; } = Path.Combine(
        typeof(ExampleScenariosTests).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().Single(a => a.Key == "LoadLabRepoRoot").Value!,
        "scenarios");

    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(ScenariosDir).Where(f => f.EndsWith(".yaml") || f.EndsWith(".json")).Order())
            data.Add(Path.GetFileName(f));
        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_example_scenario_validates(string file)
    {
        var result = ScenarioLoader.Validate(Path.Combine(ScenariosDir, file));
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Problems));
        Assert.True(RateProfile.For(result.Scenario!.Load).DurationSeconds > 0);
    }

    [Fact]
    public void There_are_at_least_eight_examples_covering_every_shape_and_both_targets()
    {
        var scenarios = Directory.GetFiles(ScenariosDir).Where(f => f.EndsWith(".yaml") || f.EndsWith(".json"))
            .Select(ScenarioLoader.Load).ToList();
        Assert.True(scenarios.Count >= 8);
        var shapes = scenarios.SelectMany(s => s.Load.Phases).Select(p => p.Shape).ToHashSet();
        Assert.Equal(Enum.GetValues<PhaseShape>().ToHashSet(), shapes);
        Assert.Contains(scenarios, s => s.Target.Kind == TargetKind.Http);
        Assert.Contains(scenarios, s => s.Load.Model == LoadModel.Closed);
    }

    [Fact]
    public void Default_demo_is_a_ladder_to_saturation_then_a_spike_under_four_minutes()
    {
        var s = ScenarioLoader.Load(Path.Combine(ScenariosDir, "default.yaml"));
        Assert.Equal(("loadlab-demo", "AllTraffic", "us-east-1", (string?)null),
            (s.Target.Endpoint, s.Target.Variant, s.Target.Region, s.Target.EndpointUrl));
        var profile = RateProfile.For(s.Load);
        Assert.True(profile.Duration < TimeSpan.FromMinutes(4));
        Assert.Equal([PhaseShape.Steps, PhaseShape.Spike], s.Load.Phases.Select(p => p.Shape));
        // One sim instance serves ~200 requests/s: the ladder must go past it.
        Assert.True(profile.Steps[^1].TargetRate > 200);
        Assert.Equal(7, profile.Steps.Count);
        Assert.NotNull(s.Seed);
    }

    [Theory]
    [InlineData("default.yaml", "2 phases, 3m20s, ~33,475 requests")] // 20 s × (20+60+...+260) + spike 22.5 s×100 + 2×11.25 s×250 + 15 s×400
    [InlineData("closed-model.yaml", "3 phases, 9m30s, up to 32 users")]
    [InlineData("worldcup-replay.yaml", "1 phase, 24m, ~125,225 requests")] // 0.002 × the day's 62,612,285 requests
    public void Summary_line_for_validate(string file, string expected)
    {
        Assert.Equal(expected, ScenarioSummary.Of(ScenarioLoader.Load(Path.Combine(ScenariosDir, file))).ToString());
    }

    [Fact]
    public void Replay_example_reads_its_trace_excerpt_per_minute_and_resolves_the_path()
    {
        var s = ScenarioLoader.Load(Path.Combine(ScenariosDir, "worldcup-replay.yaml"));
        var phase = Assert.Single(s.Load.Phases);
        Assert.Equal(Path.Combine(ScenariosDir, "traces", "worldcup98-excerpt.csv"), phase.File);
        Assert.Equal(TimeSpan.FromMinutes(1), phase.Trace!.Interval);
        Assert.Equal(2880, phase.Trace.Counts.Count);
        Assert.Equal(16083, phase.Trace.Counts[0]);
        // 1440 rows played at 60x: 24 minutes.
        Assert.Equal(TimeSpan.FromMinutes(24), phase.Duration);
        Assert.Equal(TimeSpan.FromMinutes(24), RateProfile.For(s.Load).Duration);
        Assert.True(File.Exists(Path.Combine(ScenariosDir, "traces", "README.md")));
    }

    [Fact]
    public void Resolved_scenario_serializes_for_run_json_without_bodies_or_trace_counts()
    {
        var s = ScenarioLoader.Load(Path.Combine(ScenariosDir, "worldcup-replay.yaml"));
        var json = LoadLab.Core.Json.LoadLabJson.Serialize(s);
        Assert.Contains("worldcup98-excerpt.csv", json);
        Assert.DoesNotContain("bodies", json);
        Assert.DoesNotContain("16083", json);
        Assert.True(json.Length < 4000, $"run.json's scenario should be small, was {json.Length} chars");
    }

    [Fact]
    public void Payload_sources_are_read_once_into_bodies()
    {
        var folder = ScenarioLoader.Load(Path.Combine(ScenariosDir, "spike.yaml")).Payload!;
        Assert.Equal(["01-short.json", "02-long.json", "03-batch.json"], folder.Bodies.Select(b => b.Source));
        Assert.Equal(Path.Combine(ScenariosDir, "payloads", "batch"), folder.Folder);

        var jsonl = ScenarioLoader.Load(Path.Combine(ScenariosDir, "poisson.yaml")).Payload!;
        Assert.Equal(4, jsonl.Bodies.Count);
        Assert.Equal("requests.jsonl:2", jsonl.Bodies[1].Source);
        Assert.StartsWith("{\"inputs\": \"It broke", System.Text.Encoding.UTF8.GetString(jsonl.Bodies[1].Content));

        var file = ScenarioLoader.Load(Path.Combine(ScenariosDir, "default.yaml")).Payload!;
        Assert.Equal(File.ReadAllBytes(Path.Combine(ScenariosDir, "payloads", "sample.json")), Assert.Single(file.Bodies).Content);
    }
}
