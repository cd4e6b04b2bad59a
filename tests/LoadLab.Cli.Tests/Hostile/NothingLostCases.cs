using System.Runtime.InteropServices;
using LoadLab.Apply.Files;
using LoadLab.Core.Json;
using LoadLab.Core.RunFiles;

namespace LoadLab.Cli.Tests.Hostile;

/// <summary>
/// One corpus case: what it breaks or asks for (arranged under its own folder, every input inside it), the command
/// as a user types it, the exit code and the message fragments expected on stdout or stderr, and the files the
/// command may write under that folder (every other file must be byte-identical afterwards, and nothing added). A
/// written entry ending in '/' is a folder the command makes, with whatever it puts inside.
/// </summary>
public sealed record CorpusCase(
    string Item,
    Func<CaseFolder, string[]> Arrange,
    int Code,
    string[] Expected,
    string[]? Written = null);

/// <summary>The folder of one case and the ways a case breaks a copy of a real run in it.</summary>
public sealed class CaseFolder(RealRunFixture fixture, string root, Action<string> log)
{
    /// <summary>
    /// A scenario name and reason a hostile run.json could carry: a fake green PASS (SGR), a terminal title (OSC ended
    /// by BEL) and a right-to-left override.
    /// </summary>
    public const string HostileText = "demo\u001b[32m PASS\u001b[0m\u001b]0;pwned\u0007\u202Eexe.txt";

    /// <summary>How <see cref="HostileText"/> reads once neutralised: each control visible, nothing raw.</summary>
    public const string HostileShown = "demo␛[32m PASS␛[0m␛]0;pwned␇<U+202E>exe.txt";

    public string Root { get; } = root;

    public string Path(string relative) => System.IO.Path.Combine(Root, relative);

    public string CopyRun(string name) => fixture.Copy(fixture.Run, Root, name);

    public string CopyShard(int i, string name) => fixture.Copy(fixture.Shard(i), Root, name);

    /// <summary>The fixture's scenario (its target is the fixture's sim), copied in so it counts as an input.</summary>
    public string Scenario()
    {
        var to = Path("hostile.yaml");
        if (!File.Exists(to)) File.Copy(fixture.Scenario, to);
        return to;
    }

    public string ExistingFile(string name)
    {
        File.WriteAllText(Path(name), "the user's own file\n");
        return Path(name);
    }

    public string NonEmptyDirectory(string name)
    {
        Directory.CreateDirectory(Path(name));
        File.WriteAllText(Path(name + "/notes.txt"), "the user's own notes\n");
        return Path(name);
    }

    public static void EditRun(string runDir, Func<RunInfo, RunInfo> change)
    {
        var path = System.IO.Path.Combine(runDir, "run.json");
        LoadLabJson.WriteFile(path, change(LoadLabJson.Deserialize<RunInfo>(File.ReadAllText(path))));
    }

    /// <summary>
    /// What a run killed by a second signal leaves: the run.json written when the load started (provisional, no totals,
    /// thresholds or end), the timeline and the histograms so far, and nothing else.
    /// </summary>
    public static string MakeProvisional(string runDir)
    {
        EditRun(runDir, r => r with { Provisional = true, Totals = null, EndUtc = null, Thresholds = [], Interrupted = false, StoppedBy = null, InterruptReason = null });
        foreach (var f in Directory.GetFiles(runDir))
            if (System.IO.Path.GetFileName(f) is not ("run.json" or "timeline.csv" or "latency.hlog")) File.Delete(f);
        return runDir;
    }

    /// <param name="name">Give the run the hostile name too (shards to be merged must keep their scenario's own).</param>
    public static string MakeHostile(string runDir, bool interrupted, bool name = true)
    {
        EditRun(runDir, r => r with
        {
            ScenarioName = name ? HostileText : r.ScenarioName,
            Interrupted = interrupted || r.Interrupted,
            StoppedBy = interrupted ? RunStopCause.Signal : r.StoppedBy,
            InterruptReason = interrupted ? HostileText : r.InterruptReason,
        });
        return runDir;
    }

    /// <summary>A recommendation beside an applied.json saying the last apply ended partly applied (its restore failed).</summary>
    public string PartlyApplied()
    {
        var rec = ApplyStack.WriteRecommendation(Path("apply/recommendation.json"), "corpus-ep");
        var point = Path("apply/rollback-20261207T000000.000Z.json");
        File.WriteAllText(point, "{}");
        LoadLabJson.WriteFile(Path("apply/" + ApplyFileNames.Applied), new AppliedFile
        {
            Status = AppliedFile.Statuses.RollbackFailed,
            StartedAt = new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero),
            ServiceNamespace = "sagemaker",
            ResourceId = "endpoint/corpus-ep/variant/AllTraffic",
            ScalableDimension = "sagemaker:variant:DesiredInstanceCount",
            RollbackFile = point,
            Error = "ThrottlingException on PutScalingPolicy",
            RollbackError = "ThrottlingException on RegisterScalableTarget",
        });
        return rec;
    }

    /// <summary>
    /// A scenario whose payload file cannot be read. chmod 000 stops every user but root; tests often run as root, so
    /// there a folder stands where the file is expected, which no one can read as a file.
    /// </summary>
    public string ScenarioWithUnreadablePayload()
    {
        var body = Path("body.json");
        if (!OperatingSystem.IsWindows() && geteuid() != 0)
        {
            File.WriteAllText(body, "{\"x\": 1}");
            File.SetUnixFileMode(body, UnixFileMode.None);
        }
        else
        {
            log("running as root (or on Windows), where chmod 000 does not stop reads: a folder stands in place of the payload file instead");
            Directory.CreateDirectory(body);
        }
        var yaml = File.ReadAllText(fixture.Scenario).Replace("inline: '{\"x\": 1}'", "file: body.json", StringComparison.Ordinal);
        if (!yaml.Contains("file: body.json", StringComparison.Ordinal)) throw new InvalidOperationException("the fixture scenario's payload line changed");
        File.WriteAllText(Path("unreadable-payload.yaml"), yaml);
        return Path("unreadable-payload.yaml");
    }

    [DllImport("libc")]
    private static extern uint geteuid();
}
