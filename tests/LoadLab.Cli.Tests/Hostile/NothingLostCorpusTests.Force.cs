namespace LoadLab.Cli.Tests.Hostile;

/// <summary>
/// The corpus cases that are not refusals: --force moves what a user had aside (byte-identical, into a timestamped
/// sibling) before merge or verify writes, and trend names a provisional run among the skipped instead of plotting it.
/// </summary>
public sealed partial class NothingLostCorpusTests
{
    private CaseFolder Folder(string name)
    {
        var folder = new CaseFolder(fixture, Path.Combine(_cases.Path, name), output.WriteLine);
        Directory.CreateDirectory(folder.Root);
        return folder;
    }

    private (int Code, string Out, string Err) Run(params string[] args)
    {
        var r = Cli.Run(args);
        output.WriteLine($"$ loadlab {string.Join(' ', args)} -> {r.Code}\n{r.Out}{r.Err}");
        return r;
    }

    /// <summary>The old files sit byte-identical in the one `&lt;dir&gt;.old-&lt;time&gt;` sibling, and the message names it.</summary>
    private static void AssertMovedAside(string outDir, SortedDictionary<string, string> old, string stdout)
    {
        var aside = Assert.Single(Directory.GetDirectories(Path.GetDirectoryName(outDir)!, Path.GetFileName(outDir) + ".old-*"));
        Assert.Equal(old, Cli.Snapshot(aside));
        Assert.Contains($"--force: moved what was in {outDir} aside into {aside}", stdout);
        Assert.False(File.Exists(Path.Combine(outDir, "notes.txt")), "the old file stayed beside the new ones");
    }

    [Fact]
    public void Merge_with_force_moves_the_old_files_aside_then_merges_and_leaves_the_shards_as_they_were()
    {
        var c = Folder("merge-force");
        var s0 = c.CopyShard(0, "s0");
        var s1 = c.CopyShard(1, "s1");
        var outDir = c.NonEmptyDirectory("merged");
        var (shard0, shard1) = (Cli.Snapshot(s0), Cli.Snapshot(s1));
        var old = Cli.Snapshot(outDir);

        var (code, stdout, stderr) = Run("merge", s0, s1, "--out", outDir, "--force");

        Assert.True(code == 0, $"exit {code}\n{stdout}{stderr}");
        AssertMovedAside(outDir, old, stdout);
        Assert.True(File.Exists(Path.Combine(outDir, "run.json")));
        Assert.Equal(shard0, Cli.Snapshot(s0));
        Assert.Equal(shard1, Cli.Snapshot(s1));
    }

    /// <summary>
    /// The fixture's sim does not emulate autoscaling (that needs a control plane: the verify tests use moto), so verify
    /// stops at its observer (exit 3); what this shows is that the user's files were moved aside first, byte-identical,
    /// that the message names where, and that they stay there when the command then fails.
    /// </summary>
    [Fact]
    public void Verify_with_force_moves_the_old_files_aside_first_and_they_stay_there_when_it_then_fails()
    {
        var c = Folder("verify-force");
        // A three-second constant load against the fixture's sim, which verify finds on its own (a loopback sim target).
        var yaml = File.ReadAllText(c.Scenario());
        var ladder = yaml.Split('\n').Single(l => l.Contains("shape: steps", StringComparison.Ordinal));
        var scenario = c.Path("verify.yaml");
        File.WriteAllText(scenario, yaml.Replace(ladder, "    - { shape: constant, rate: 20, duration: 3s }", StringComparison.Ordinal));
        var outDir = c.NonEmptyDirectory("verify-out");
        var input = Cli.Snapshot(c.Root).Where(kv => !kv.Key.StartsWith("verify-out", StringComparison.Ordinal)).ToList();
        var old = Cli.Snapshot(outDir);

        var (code, stdout, stderr) = Run("verify", scenario, "--out", outDir, "--force");

        Assert.True(code == 3, $"exit {code}, expected 3 (the sim does not emulate autoscaling)\n{stdout}{stderr}");
        Assert.Contains("does not emulate autoscaling", stderr);
        AssertMovedAside(outDir, old, stdout);
        Assert.Equal(input, Cli.Snapshot(c.Root).Where(kv => kv.Key is "hostile.yaml" or "verify.yaml").ToList());
    }

    [Fact]
    public void Trend_names_a_provisional_run_among_the_skipped_and_plots_only_the_finished_one()
    {
        var c = Folder("trend");
        fixture.Copy(fixture.Run, c.Path("reports"), "finished");
        CaseFolder.MakeProvisional(fixture.Copy(fixture.Run, c.Path("reports"), "killed"));
        var before = Cli.Snapshot(c.Path("reports"));

        var (code, stdout, stderr) = Run("trend", c.Path("reports"), "--out", c.Path("trend-out"));

        Assert.True(code == 0, $"exit {code}\n{stdout}{stderr}");
        Assert.Contains("hostile: 1 run(s)", stdout);
        Assert.Contains($"skipped {c.Path("reports/killed")}: run.json is provisional", stdout);
        Assert.Contains("left out of the trend", stdout);
        Assert.Contains("run.json is provisional", File.ReadAllText(c.Path("trend-out/trend.md")));
        Assert.Equal(before, Cli.Snapshot(c.Path("reports")));
    }
}
