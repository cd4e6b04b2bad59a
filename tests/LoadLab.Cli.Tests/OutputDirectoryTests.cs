using LoadLab.TestSupport;
using Xunit.Abstractions;

namespace LoadLab.Cli.Tests;

/// <summary>No command writes over a file the user has, into a non-empty directory without --force, or over its own inputs.</summary>
[Collection(ProcessEnvironment.Name)]
public sealed class OutputDirectoryTests(HttpSimFixture sim, ITestOutputHelper output) : IClassFixture<HttpSimFixture>, IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string ExistingFile() => _dir.Write("existing.txt", "the user's own file\n");

    public static TheoryData<string[]> CommandsWithOut() => new()
    {
        { new[] { "merge", "/nonexistent-shard-0", "/nonexistent-shard-1" } },
        { new[] { "verify", "/nonexistent-scenario.yaml" } },
        { new[] { "apply", "/nonexistent-recommendation.json", "--emit", "cli" } },
        { new[] { "apply", "/nonexistent-recommendation.json", "--yes" } },
    };

    [Theory]
    [MemberData(nameof(CommandsWithOut))]
    public async Task Out_pointing_at_an_existing_file_exits_2_without_a_stack_trace(string[] args)
    {
        var file = ExistingFile();
        var r = await CliHarness.RunAsync(output, [.. args, "--out", file]);
        Assert.Equal(2, r.Code);
        Assert.Contains("is an existing file", r.Err);
        Assert.DoesNotContain("   at ", r.All);
        Assert.Equal("the user's own file\n", File.ReadAllText(file));
    }

    [Fact]
    public async Task Run_with_out_pointing_at_an_existing_file_exits_2_before_any_load()
    {
        var file = ExistingFile();
        var r = await CliHarness.RunAsync(output, "run", sim.Ladder(_dir.Path), "--out", file, "--stages", "load");
        Assert.Equal(2, r.Code);
        Assert.Contains("is an existing file", r.Err);
        Assert.Equal("the user's own file\n", File.ReadAllText(file));
    }

    [Fact]
    public async Task Run_refuses_a_non_empty_directory_and_with_force_moves_its_files_aside_first()
    {
        var runDir = _dir.File("old-run");
        _dir.Write("old-run/analysis.json", "{\"from\": \"an older run\"}");
        var scenario = sim.Ladder(_dir.Path);

        var refused = await CliHarness.RunAsync(output, "run", scenario, "--out", runDir, "--stages", "load");
        Assert.Equal(2, refused.Code);
        Assert.Contains("already holds files", refused.Err);
        Assert.Equal(["analysis.json"], Directory.GetFiles(runDir).Select(Path.GetFileName));

        var forced = await CliHarness.RunAsync(output, "run", scenario, "--out", runDir, "--stages", "load", "--force");
        Assert.Equal(0, forced.Code);
        Assert.False(File.Exists(Path.Combine(runDir, "analysis.json")), "the old analysis stayed beside the new run");
        Assert.True(File.Exists(Path.Combine(runDir, "run.json")));
        var aside = Assert.Single(Directory.GetDirectories(_dir.Path, "old-run.old-*"));
        Assert.Equal("{\"from\": \"an older run\"}", File.ReadAllText(Path.Combine(aside, "analysis.json")));
    }

    [Fact]
    public async Task Merge_into_one_of_its_own_shards_is_refused_and_the_shard_is_untouched()
    {
        var s0 = _dir.File("s0");
        var s1 = _dir.File("s1");
        _dir.Write("s0/run.json", "{\"shard\": \"0/2\"}");
        _dir.Write("s1/run.json", "{\"shard\": \"1/2\"}");

        var r = await CliHarness.RunAsync(output, "merge", s0, s1, "--out", s0, "--force");
        Assert.Equal(2, r.Code);
        Assert.Contains("one of this command's inputs", r.Err);
        Assert.Equal(["run.json"], Directory.GetFiles(s0).Select(Path.GetFileName));
        Assert.Equal("{\"shard\": \"0/2\"}", File.ReadAllText(Path.Combine(s0, "run.json")));
    }
}
