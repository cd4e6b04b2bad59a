using LoadLab.TestSupport;
using Xunit.Abstractions;

namespace LoadLab.Cli.Tests.Hostile;

/// <summary>
/// The corpus for "nothing lost, nothing half-done": overwrites, partial applies, interrupted and provisional runs,
/// unreadable inputs and hostile text. Each row arranges its inputs in a folder of its own, runs one command as a
/// user types it, and checks the exit code, the message, that nothing was printed raw (no ESC, BEL or bidi override,
/// no stack trace), and that every input is byte-identical afterwards (SHA-256 of every file before and after).
/// </summary>
[Collection(ProcessEnvironment.Name)]
public sealed partial class NothingLostCorpusTests(RealRunFixture fixture, ITestOutputHelper output) : IClassFixture<RealRunFixture>, IDisposable
{
    private readonly TempDir _cases = new("loadlab-corpus");

    public void Dispose() => _cases.Dispose();

    private static readonly string[] ReportFiles = ["run/report.html", "run/summary.md", "run/verdict.json"];

    public static readonly IReadOnlyDictionary<string, CorpusCase> Cases = new Dictionary<string, CorpusCase>
    {
        // Never overwrite what a user has.
        ["run --out an existing file"] = new("overwrite", c => ["run", c.Scenario(), "--out", c.ExistingFile("mine.txt")],
            2, ["--out", "is an existing file"]),
        ["run --out a non-empty directory"] = new("overwrite", c => ["run", c.Scenario(), "--out", c.NonEmptyDirectory("old-run")],
            2, ["--out", "old-run", "already holds files", "--force"]),
        ["merge --out a non-empty directory"] = new("overwrite", c => ["merge", c.CopyShard(0, "s0"), c.CopyShard(1, "s1"), "--out", c.NonEmptyDirectory("merged")],
            2, ["--out", "merged", "already holds files", "--force"]),
        ["merge --out one of its own shards"] = new("overwrite", c => ["merge", c.CopyShard(0, "s0"), c.CopyShard(1, "s1"), "--out", c.Path("s0"), "--force"],
            2, ["--out", "one of this command's inputs"]),
        ["verify --out a non-empty directory"] = new("overwrite", c => ["verify", c.Scenario(), "--out", c.NonEmptyDirectory("verify-out")],
            2, ["--out", "verify-out", "already holds files", "--force"]),

        // The rollback point is sacred: no apply on top of a partial one without the explicit flag.
        ["apply --yes after a partial apply"] = new("rollback point", c => ["apply", c.PartlyApplied(), "--yes", "--region", "us-east-1", "--endpoint-url", "http://127.0.0.1:9"],
            2, ["applied.json", "ended partly applied (rollback_failed", "loadlab apply --rollback", "--after-partial-apply"]),

        // A provisional run.json (a second signal, or a killed process) is never judged as a finished run.
        ["analyze a provisional run"] = new("provisional", c => ["analyze", CaseFolder.MakeProvisional(c.CopyRun("run"))], 2, ["run.json", "run.json is provisional"]),
        ["report a provisional run"] = new("provisional", c => ["report", CaseFolder.MakeProvisional(c.CopyRun("run"))], 2, ["run.json", "run.json is provisional"]),
        ["simulate a provisional run"] = new("provisional", c => ["simulate", CaseFolder.MakeProvisional(c.CopyRun("run"))], 2, ["run.json is provisional"]),
        ["collect a provisional run"] = new("provisional", c => ["collect", CaseFolder.MakeProvisional(c.CopyRun("run"))], 2, ["run.json is provisional"]),
        ["merge a provisional shard"] = new("provisional", c => ["merge", c.CopyShard(0, "s0"), CaseFolder.MakeProvisional(c.CopyShard(1, "s1")), "--out", c.Path("merged")],
            2, ["s1", "run.json is provisional", "cannot be merged", "--partial"]),
        ["merge --partial with a provisional shard"] = new("provisional", c => ["merge", c.CopyShard(0, "s0"), CaseFolder.MakeProvisional(c.CopyShard(1, "s1")), "--out", c.Path("merged"), "--partial"],
            2, ["s1", "run.json is provisional"]),
        ["compare against a provisional baseline"] = new("provisional", c => ["compare", CaseFolder.MakeProvisional(c.CopyRun("base")), c.CopyRun("run"), "--out", c.Path("cmp")],
            2, ["base", "run.json is provisional", "the baseline cannot be compared"]),
        ["compare a provisional run"] = new("provisional", c => ["compare", c.CopyRun("base"), CaseFolder.MakeProvisional(c.CopyRun("run")), "--out", c.Path("cmp")],
            2, ["run.json is provisional", "the run cannot be compared"]),

        // An input that cannot be read is bad input, located, before any load.
        ["run with an unreadable payload file"] = new("unreadable input", c => ["run", c.ScenarioWithUnreadablePayload(), "--out", c.Path("never")],
            2, ["body.json"]),

        // Text from a run file reaches the terminal neutralised: no colour, title or bidi override of its own.
        ["report a run whose name and stop reason are hostile"] = new("terminal safety", c => ["report", CaseFolder.MakeHostile(c.CopyRun("run"), interrupted: true)],
            4, ["interrupted run: " + CaseFolder.HostileShown], ReportFiles),
        ["compare with a run of a hostile name"] = new("terminal safety", c => ["compare", c.CopyRun("base"), CaseFolder.MakeHostile(c.CopyRun("run"), interrupted: false), "--out", c.Path("cmp")],
            2, [CaseFolder.HostileShown, "compare runs of one scenario"]),
        ["compare two hostile runs, one interrupted"] = new("terminal safety",
            c => ["compare", CaseFolder.MakeHostile(c.CopyRun("base"), interrupted: false), CaseFolder.MakeHostile(c.CopyRun("run"), interrupted: true), "--out", c.Path("cmp")],
            4, ["the run was interrupted (" + CaseFolder.HostileShown], ["cmp/", "cmp/compare.html", "cmp/compare.md", "cmp/compare.json", "cmp/compare.junit.xml"]),
        ["merge shards, one interrupted for a hostile reason"] = new("terminal safety",
            c => ["merge", c.CopyShard(0, "s0"), CaseFolder.MakeHostile(c.CopyShard(1, "s1"), interrupted: true, name: false), "--out", c.Path("merged")],
            4, ["shard 1 was interrupted: " + CaseFolder.HostileShown, "interrupted run:"],
            ["merged/", "merged/run.json", "merged/timeline.csv", "merged/steps.csv", "merged/latency.hlog"]),
    };

    public static TheoryData<string> CaseNames() => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Case(string name)
    {
        var c = Cases[name];
        var folder = new CaseFolder(fixture, Path.Combine(_cases.Path, Slug(name)), output.WriteLine);
        Directory.CreateDirectory(folder.Root);
        var args = c.Arrange(folder);
        var before = Cli.Snapshot(folder.Root);

        var (code, stdout, stderr) = Cli.Run(args);
        output.WriteLine($"[{c.Item}] $ loadlab {string.Join(' ', args)} -> {code}\n{stdout}{stderr}");

        Assert.True(code == c.Code, $"exit {code}, expected {c.Code}\n{stdout}{stderr}");
        foreach (var e in c.Expected) Assert.Contains(e, stdout + stderr);
        AssertNothingRaw(stdout + stderr);
        // Every input byte-identical; nothing added or changed but what the case says the command writes.
        var after = Cli.Snapshot(folder.Root);
        var written = (c.Written ?? []).Select(w => w.Replace('/', Path.DirectorySeparatorChar)).ToList();
        foreach (var w in written) Assert.True(after.ContainsKey(Path.TrimEndingDirectorySeparator(w)), $"{w} was not written");
        Assert.Equal(Without(before, written), Without(after, written));
    }

    /// <summary>The snapshot without the files a case may write (a written folder: itself and everything in it).</summary>
    private static SortedDictionary<string, string> Without(SortedDictionary<string, string> files, List<string> written) =>
        new(files.Where(kv => !written.Any(w => kv.Key == Path.TrimEndingDirectorySeparator(w) || (w.EndsWith(Path.DirectorySeparatorChar) && kv.Key.StartsWith(w, StringComparison.Ordinal))))
            .ToDictionary(kv => kv.Key, kv => kv.Value), StringComparer.Ordinal);

    [Fact]
    public void The_corpus_covers_every_kind_of_loss_the_rules_name()
    {
        Assert.Equal(["overwrite", "provisional", "rollback point", "terminal safety", "unreadable input"],
            Cases.Values.Select(c => c.Item).Distinct().Order(StringComparer.Ordinal));
    }

    private static void AssertNothingRaw(string printed)
    {
        Assert.DoesNotContain(printed, ch => ch is '\u001b' or '\u0007' or '\u202e' or '\u009b');
        Assert.DoesNotContain("   at ", printed);
        Assert.DoesNotContain("internal error", printed);
    }

    private static string Slug(string name) => new(name.Select(ch => char.IsAsciiLetterOrDigit(ch) ? ch : '-').ToArray());
}
