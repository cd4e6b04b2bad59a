using k8s;
using k8s.Models;
using LoadLab.Core.Errors;
using LoadLab.Core.Scenarios;
using LoadLab.Sharding.Kubernetes;

namespace LoadLab.Sharding.Tests;

public sealed class ShardJobBuilderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("loadlab-k8s-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private Scenario WriteScenario(string name = "Step Ladder!")
    {
        Directory.CreateDirectory(Path.Combine(_dir, "payloads"));
        File.WriteAllText(Path.Combine(_dir, "payloads", "sample.json"), "{\"inputs\":[1,2,3]}");
        var path = Path.Combine(_dir, "ladder.yaml");
        File.WriteAllText(path, "name: ladder\n");
        return new Scenario
        {
            Name = name,
            SourcePath = path,
            Target = new TargetSpec { Endpoint = "my-endpoint" },
            Payload = new PayloadSpec { File = Path.Combine(_dir, "payloads", "sample.json") },
            Load = new LoadSpec { Phases = [new PhaseSpec { Shape = PhaseShape.Constant, Rate = 100, Duration = TimeSpan.FromMinutes(1) }] },
        };
    }

    private static ShardJobOptions Options(int shards = 3) => new()
    {
        Shards = shards,
        Image = "registry.example/loadlab:0.1.0",
        Namespace = "load",
        Seed = 42,
        StartAt = new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero),
    };

    [Fact]
    public void Shard_job_is_an_indexed_job_that_round_trips_through_the_kubernetes_model_types()
    {
        var scenario = WriteScenario();
        var manifests = ShardJobBuilder.Build(scenario, ScenarioBundle.From(scenario), Options());

        var docs = KubernetesYaml.LoadAllFromString(manifests.ToYaml());
        Assert.Equal(3, docs.Count);
        var configMap = Assert.IsType<V1ConfigMap>(docs[0]);
        var job = Assert.IsType<V1Job>(docs[1]);
        var merge = Assert.IsType<V1Job>(docs[2]);

        Assert.Equal("loadlab-step-ladder", job.Metadata.Name);
        Assert.Equal("load", job.Metadata.NamespaceProperty);
        Assert.Equal("Indexed", job.Spec.CompletionMode);
        Assert.Equal(3, job.Spec.Completions);
        Assert.Equal(3, job.Spec.Parallelism);
        Assert.Equal(0, job.Spec.BackoffLimit);
        Assert.Equal("Never", job.Spec.Template.Spec.RestartPolicy);

        var container = Assert.Single(job.Spec.Template.Spec.Containers);
        Assert.Equal("registry.example/loadlab:0.1.0", container.Image);
        var script = container.Command[^1];
        Assert.Contains("--shard \"$JOB_COMPLETION_INDEX/3\"", script);
        Assert.Contains("--seed 42", script);
        Assert.Contains("--start-at 2026-11-27T12:00:00Z", script);
        Assert.Contains("/scenario/ladder.yaml", script);
        Assert.Equal("2", container.Resources.Requests["cpu"].ToString());
        Assert.Equal("1Gi", container.Resources.Requests["memory"].ToString());
        Assert.Contains(container.VolumeMounts, v => v.MountPath == "/results");

        // The ConfigMap carries the scenario and its payload, mounted back at their relative paths.
        var scenarioVolume = job.Spec.Template.Spec.Volumes.Single(v => v.Name == "scenario");
        Assert.Equal(configMap.Metadata.Name, scenarioVolume.ConfigMap.Name);
        Assert.Equal(["ladder.yaml", "payloads/sample.json"], scenarioVolume.ConfigMap.Items.Select(i => i.Path).Order());
        foreach (var item in scenarioVolume.ConfigMap.Items) Assert.True(configMap.Data.ContainsKey(item.Key));
        Assert.Equal("{\"inputs\":[1,2,3]}", configMap.Data[scenarioVolume.ConfigMap.Items.Single(i => i.Path == "payloads/sample.json").Key]);

        // The merge job names every shard directory, waits for them, and runs the pipeline on the merge.
        var mergeScript = Assert.Single(merge.Spec.Template.Spec.Containers).Command[^1];
        for (var i = 0; i < 3; i++) Assert.Contains($"{manifests.ResultsFolder}/shard-{i}", mergeScript);
        Assert.DoesNotContain("shard-3", mergeScript);
        Assert.Contains("--wait", mergeScript);
        Assert.Contains("--pipeline", mergeScript);
    }

    [Fact]
    public void Bad_options_are_all_reported_at_once()
    {
        var scenario = WriteScenario();
        var ex = Assert.Throws<UserInputException>(() => ShardJobBuilder.Build(scenario, ScenarioBundle.From(scenario),
            Options(shards: 0) with { Image = "", Namespace = "Bad_Namespace" }));
        Assert.Equal(["--image", "--namespace", "--shards"], ex.Problems.Select(p => p.Field).Order());
    }

    [Fact]
    public void A_payload_outside_the_scenario_folder_is_refused_with_the_field_named()
    {
        var outside = Path.Combine(Path.GetTempPath(), $"outside-{Guid.NewGuid():N}.json");
        File.WriteAllText(outside, "{}");
        try
        {
            var scenario = WriteScenario() with { Payload = new PayloadSpec { File = outside } };
            var ex = Assert.Throws<UserInputException>(() => ScenarioBundle.From(scenario));
            Assert.Equal("payload.file", Assert.Single(ex.Problems).Field);
        }
        finally { File.Delete(outside); }
    }

    [Theory]
    [InlineData("My Scenario", "my-scenario")]
    [InlineData("--weird__name--", "weird-name")]
    [InlineData("!!!", "scenario")]
    public void Scenario_names_become_valid_kubernetes_names(string input, string expected)
    {
        var name = KubernetesNames.FromScenario(input);
        Assert.Equal(expected, name);
        Assert.True(KubernetesNames.IsDnsLabel(name));
    }
}
