using LoadLab.TestSupport;

namespace LoadLab.Cli.Tests.Hostile;

/// <summary>
/// Hostile run files and flags: each case breaks one thing in a real run directory (or types one bad flag) and
/// checks the exit code (2), the located message (file, line, field, or the flag as typed), that no stack trace
/// is printed, and that every input is byte-identical afterwards, with nothing added.
/// </summary>
[Collection(ProcessEnvironment.Name)]
public sealed class HostileRunFileTests(RealRunFixture fixture) : IClassFixture<RealRunFixture>, IDisposable
{
    private readonly TempDir _cases = new();

    public void Dispose() => _cases.Dispose();

    /// <summary>Runs the command on a broken copy and checks exit 2, the message, and that nothing changed on disk.</summary>
    private static void AssertRefused(string root, string[] args, params string[] expected)
    {
        var before = Cli.Snapshot(root);
        var (code, _, err) = Cli.Run(args);
        Assert.True(code == 2, $"exit {code}, expected 2; stderr:\n{err}");
        foreach (var e in expected) Assert.Contains(e, err);
        Assert.DoesNotContain("   at ", err);
        Assert.DoesNotContain("internal error", err);
        Assert.Equal(before, Cli.Snapshot(root));
    }

    private string CopyRun(string name) => fixture.Copy(fixture.Run, _cases.Path, name);

    private static void Replace(string file, Func<string[], string[]> change) =>
        File.WriteAllText(file, string.Join('\n', change(File.ReadAllText(file).Split('\n'))));

    /// <summary>Sets cell <paramref name="column"/> of data row <paramref name="row"/> (1 = first after the header).</summary>
    private static void SetCell(string csv, int row, string column, string value) => Replace(csv, lines =>
    {
        var i = lines[0].Split(',').ToList().IndexOf(column);
        var cells = lines[row].Split(',');
        cells[i] = value;
        lines[row] = string.Join(',', cells);
        return lines;
    });

    [Theory]
    [InlineData("NaN", "is not a finite number")]
    [InlineData("Infinity", "is not a finite number")]
    [InlineData("-12", "is negative")]
    [InlineData("12x", "is not a valid number")]
    public void A_bad_rate_in_steps_csv_is_located_and_the_steps_are_not_rebuilt_from_the_timeline(string cell, string message)
    {
        var run = CopyRun("bad-rate");
        SetCell(Path.Combine(run, "steps.csv"), 2, "offered_rps", cell);
        AssertRefused(run, ["analyze", run], "steps.csv:3:", "offered_rps:", $"'{cell}' {message}");
    }

    [Fact]
    public void A_ragged_row_in_timeline_csv_is_located()
    {
        var run = CopyRun("ragged-timeline");
        Replace(Path.Combine(run, "timeline.csv"), lines => { lines[4] += ",7"; return lines; });
        AssertRefused(run, ["analyze", run], "timeline.csv:5:1:", "expected 17 cells as in the header, found 18");
    }

    [Theory]
    [InlineData("steps.csv")]
    [InlineData("timeline.csv")]
    [InlineData("run.json")]
    public void An_unreadable_run_file_is_bad_input_naming_it(string name)
    {
        // Tests run as root, whom permissions do not stop: a folder where the file should be makes every read fail.
        var run = CopyRun("unreadable-" + name);
        File.Delete(Path.Combine(run, name));
        Directory.CreateDirectory(Path.Combine(run, name));
        AssertRefused(run, ["analyze", run], name);
    }

    [Fact]
    public void A_truncated_latency_hlog_stops_merge_naming_its_line_before_anything_is_written()
    {
        var s0 = fixture.Copy(fixture.Shard(0), _cases.Path, "s0");
        fixture.Copy(fixture.Shard(1), _cases.Path, "s1");
        var hlog = Path.Combine(s0, "latency.hlog");
        var lines = File.ReadAllText(hlog).TrimEnd('\n').Split('\n');
        var last = lines.Length;
        lines[^1] = lines[^1][..(lines[^1].Length * 2 / 3)];
        File.WriteAllText(hlog, string.Join('\n', lines));
        AssertRefused(_cases.Path, ["merge", s0, Path.Combine(_cases.Path, "s1"), "--out", Path.Combine(_cases.Path, "merged")],
            $"latency.hlog:{last}:", "corrupt or truncated");
    }

    [Fact]
    public void Garbage_in_latency_hlog_stops_merge_naming_its_line()
    {
        var s0 = fixture.Copy(fixture.Shard(0), _cases.Path, "s0");
        fixture.Copy(fixture.Shard(1), _cases.Path, "s1");
        var hlog = Path.Combine(s0, "latency.hlog");
        var lines = File.ReadAllText(hlog).Split('\n').ToList();
        var firstData = lines.FindIndex(l => l.Length > 0 && l[0] is not ('#' or '"'));
        lines.Insert(firstData + 1, "0.5,1.0,12.0,HISTFAAAAnotbase64!!");
        File.WriteAllText(hlog, string.Join('\n', lines));
        AssertRefused(_cases.Path, ["merge", s0, Path.Combine(_cases.Path, "s1"), "--out", Path.Combine(_cases.Path, "merged")],
            $"latency.hlog:{firstData + 2}:", "corrupt or truncated");
    }

    [Fact]
    public void A_folder_in_place_of_a_shards_latency_hlog_stops_merge()
    {
        var s0 = fixture.Copy(fixture.Shard(0), _cases.Path, "s0");
        fixture.Copy(fixture.Shard(1), _cases.Path, "s1");
        File.Delete(Path.Combine(s0, "latency.hlog"));
        Directory.CreateDirectory(Path.Combine(s0, "latency.hlog"));
        AssertRefused(_cases.Path, ["merge", s0, Path.Combine(_cases.Path, "s1"), "--out", Path.Combine(_cases.Path, "merged")],
            "latency.hlog");
    }

    [Theory]
    [InlineData("--seed", "abc", "--seed: 'abc' is not a whole number")]
    [InlineData("--seed", "1.5", "--seed: '1.5' is not a whole number")]
    [InlineData("--collect-period", "-10", "--collect-period")]
    [InlineData("--collect-period", "ten", "--collect-period: 'ten' is not a whole number")]
    public void A_bad_flag_value_is_named_as_typed_before_any_load(string flag, string value, string message)
    {
        var outDir = Path.Combine(_cases.Path, "never-written");
        AssertRefused(_cases.Path, ["run", fixture.Scenario, flag, value, "--out", outDir], message);
        Assert.False(Directory.Exists(outDir));
    }
}
