using System.Globalization;
using LoadLab.Core.Errors;
using LoadLab.Core.Json;
using LoadLab.Core.RunFiles;
using LoadLab.TestSupport;
using Xunit.Abstractions;

namespace LoadLab.Cli.Tests;

/// <summary>Two pairs of real shards (`loadlab run --shard i/2 --stages load` against the sim), made once: one whose
/// threshold holds, one whose threshold cannot.</summary>
public sealed class MergeShardsFixture : IAsyncLifetime
{
    private readonly HttpSimFixture _sim = new();
    public TempDir Dir { get; } = new("loadlab-merge-codes");
    public string Passing(int i) => Dir.File($"passing-{i}");
    public string Failing(int i) => Dir.File($"failing-{i}");

    public async Task InitializeAsync()
    {
        await _sim.InitializeAsync();
        var startAt = DateTimeOffset.UtcNow.AddSeconds(3).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        // Each scenario file is written once, before any shard reads it: two shards writing the same file raced, and one
        // read it truncated ("the file is empty").
        var scenarios = new[] { ("passing", "errors < 50%"), ("failing", "rps > 100000") }
            .Select(s => (Name: s.Item1, Path: Scenario(s.Item1, s.Item2))).ToList();
        var runs = scenarios
            .SelectMany(s => Enumerable.Range(0, 2).Select(i => (s.Name, s.Path, Index: i)))
            .Select(r => Task.Run(() => CliHarness.RunAsync(null, "run", r.Path, "--shard", $"{r.Index}/2",
                "--start-at", startAt, "--stages", "load", "--out", Dir.File($"{r.Name}-{r.Index}"))));
        var results = await Task.WhenAll(runs);
        // A failing threshold fails each shard's own run too (exit 1); anything else is a broken fixture.
        if (results.Any(r => r.Code is not (ExitCodes.Ok or ExitCodes.ThresholdFailed)))
            throw new InvalidOperationException("a fixture shard failed:\n" + string.Join("\n", results.Select(r => r.Err)));
    }

    private string Scenario(string name, string threshold) => Dir.Write(name + ".yaml", $$"""
        name: merge-{{name}}
        target: { kind: http, url: "{{_sim.InvocationsUrl}}", method: POST }
        payload: { contentType: application/json, inline: '{"x": 1}' }
        load: { phases: [ { shape: constant, rate: 40, duration: 3s } ] }
        thresholds: [ "{{threshold}}" ]
        seed: 3
        """);

    public async Task DisposeAsync()
    {
        await _sim.DisposeAsync();
        Dir.Dispose();
    }
}

/// <summary>`loadlab merge`'s exit codes, each produced from real shards and asserted with its message: 0 merged and
/// every threshold held, 1 a threshold of the merged run failed, 2 a shard missing, 3 a --pipeline stage's AWS call failed.</summary>
[Collection(ProcessEnvironment.Name)]
public sealed class MergeExitCodeTests(MergeShardsFixture shards, ITestOutputHelper output) : IClassFixture<MergeShardsFixture>, IDisposable
{
    private readonly TempDir _dir = new("loadlab-merge-out");

    public void Dispose() => _dir.Dispose();

    private static long Completed(string runDir) => LoadLabJson.Deserialize<RunInfo>(File.ReadAllText(Path.Combine(runDir, "run.json"))).Totals!.Completed;

    [Fact]
    public async Task Merged_shards_whose_threshold_holds_exit_0_with_the_merged_count()
    {
        var merged = _dir.File("merged");
        var r = await CliHarness.RunAsync(output, "merge", shards.Passing(0), shards.Passing(1), "--out", merged);
        Assert.Equal(ExitCodes.Ok, r.Code);
        var total = Completed(shards.Passing(0)) + Completed(shards.Passing(1));
        Assert.True(total > 0);
        Assert.Equal(total, Completed(merged));
        Assert.StartsWith($"merged 2 shard(s) into {merged}: {total} requests, p50 ", r.Out);
        Assert.Contains("threshold ok     errors < 50%: ", r.Out);
    }

    [Fact]
    public async Task A_threshold_the_merged_run_breaks_exits_1_naming_it()
    {
        var r = await CliHarness.RunAsync(output, "merge", shards.Failing(0), shards.Failing(1), "--out", _dir.File("merged"));
        Assert.Equal(ExitCodes.ThresholdFailed, r.Code);
        Assert.Contains("threshold FAILED rps > 100000: ", r.Out);
        var info = LoadLabJson.Deserialize<RunInfo>(File.ReadAllText(_dir.File("merged/run.json")));
        Assert.False(Assert.Single(info.Thresholds).Passed);
    }

    [Fact]
    public async Task A_missing_shard_exits_2_naming_it_and_writes_nothing()
    {
        var merged = _dir.File("merged");
        var r = await CliHarness.RunAsync(output, "merge", shards.Passing(0), "--out", merged);
        Assert.Equal(ExitCodes.BadInput, r.Code);
        Assert.Contains("error: merge: shards: ", r.Err);
        Assert.Contains("(pass --partial to merge what is there)", r.Err);
        Assert.DoesNotContain("   at ", r.All);
        Assert.False(Directory.Exists(merged) && Directory.EnumerateFileSystemEntries(merged).Any());
    }

    [Fact]
    public async Task A_pipeline_stage_whose_aws_call_fails_exits_3()
    {
        // Shards of a SageMaker run: the pipeline's collect stage asks CloudWatch, which is out of reach.
        var copies = Enumerable.Range(0, 2).Select(i => AsSageMaker(shards.Passing(i), _dir.File($"sagemaker-{i}"))).ToArray();
        var saved = (Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID"), Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY"));
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "secret");
        try
        {
            var r = await CliHarness.RunAsync(output, "merge", copies[0], copies[1], "--out", _dir.File("merged"), "--pipeline",
                "--endpoint-url", $"http://127.0.0.1:{FreePort.Next()}");
            Assert.Equal(ExitCodes.TargetOrAwsFailed, r.Code);
            Assert.StartsWith("merged 2 shard(s) into ", r.Out);
            Assert.Contains("error: ", r.Err);
            Assert.DoesNotContain("   at ", r.All);
        }
        finally
        {
            Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", saved.Item1);
            Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", saved.Item2);
        }
    }

    private static string AsSageMaker(string shard, string copy)
    {
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.EnumerateFiles(shard)) File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        var runJson = Path.Combine(copy, "run.json");
        var run = LoadLabJson.Deserialize<RunInfo>(File.ReadAllText(runJson));
        File.WriteAllText(runJson, LoadLabJson.Serialize(run with { Target = new RunTarget("sagemaker", "ep", "AllTraffic", "us-east-1", null) }));
        return copy;
    }
}
