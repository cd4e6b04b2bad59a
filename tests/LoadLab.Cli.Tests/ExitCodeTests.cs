using LoadLab.Cli.Infrastructure;
using LoadLab.Core.Json;
using LoadLab.Core.RunFiles;
using LoadLab.TestSupport;
using Xunit.Abstractions;

namespace LoadLab.Cli.Tests;

/// <summary>Real run directories, made once by `loadlab run --stages load`: one that passed its threshold, one that failed it, one whose target failed.</summary>
public sealed class ExitCodeRunsFixture : IAsyncLifetime
{
    private readonly HttpSimFixture _sim = new();
    public TempDir Dir { get; } = new("loadlab-exit-codes");
    public string Passed => Dir.File("passed");
    public string ThresholdFailed => Dir.File("threshold-failed");
    public string TargetFailed => Dir.File("target-failed");
    public IReadOnlyDictionary<string, int> RunCodes { get; private set; } = new Dictionary<string, int>();

    public async Task InitializeAsync()
    {
        await _sim.InitializeAsync();
        var codes = new Dictionary<string, int>
        {
            [Passed] = (await CliHarness.RunAsync(null, "run", _sim.Ladder(Dir.Path, "ok", thresholds: "[ \"errors < 50%\" ]"), "--out", Passed, "--stages", "load,analyze")).Code,
            [ThresholdFailed] = (await CliHarness.RunAsync(null, "run", _sim.Ladder(Dir.Path, "slow", thresholds: "[ \"rps > 100000\" ]"), "--out", ThresholdFailed, "--stages", "load")).Code,
        };
        var refused = Dir.Write("refused.yaml", $$"""
            name: refused
            target: { kind: http, url: "http://127.0.0.1:{{FreePort.Next()}}/x", method: POST }
            payload: { contentType: application/json, inline: '{"x": 1}' }
            load: { phases: [ { shape: constant, rate: 20, duration: 30s } ] }
            """);
        codes[TargetFailed] = (await CliHarness.RunAsync(null, "run", refused, "--out", TargetFailed, "--stages", "load")).Code;
        RunCodes = codes;
    }

    public async Task DisposeAsync()
    {
        await _sim.DisposeAsync();
        Dir.Dispose();
    }
}

/// <summary>Each command's exit codes, as its --help lists them; each code a command can return, produced for real.</summary>
[Collection(ProcessEnvironment.Name)]
public sealed class ExitCodeTests(ExitCodeRunsFixture runs, ITestOutputHelper output) : IClassFixture<ExitCodeRunsFixture>, IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string> Commands() => [.. ExitCodeTable.ByCommand.Keys];

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Help_ends_with_the_commands_exit_codes(string command)
    {
        var r = await CliHarness.RunAsync(output, command, "--help");
        Assert.Equal(0, r.Code);
        var table = r.Out[r.Out.IndexOf("Exit codes:", StringComparison.Ordinal)..];
        var codes = table.Split('\n').Skip(1).Where(l => l.Length > 2 && char.IsDigit(l[2])).Select(l => int.Parse(l.Trim()[..1])).ToList();
        Assert.Equal(ExitCodeTable.ByCommand[command].Select(c => c.Code), codes);
        Assert.Contains(0, codes);
        Assert.Contains(2, codes);
    }

    [Fact]
    public void The_runs_exit_0_1_and_3()
    {
        Assert.Equal(0, runs.RunCodes[runs.Passed]);
        Assert.Equal(1, runs.RunCodes[runs.ThresholdFailed]);
        Assert.Equal(3, runs.RunCodes[runs.TargetFailed]);
        Assert.Equal(RunStopCause.TargetFailed, LoadLabJson.Deserialize<RunInfo>(File.ReadAllText(Path.Combine(runs.TargetFailed, "run.json"))).StoppedBy);
    }

    [Fact]
    public async Task Report_on_an_empty_directory_exits_2_and_writes_nothing()
    {
        var empty = _dir.File("empty");
        Directory.CreateDirectory(empty);
        var r = await CliHarness.RunAsync(output, "report", empty);
        Assert.Equal(2, r.Code);
        Assert.Contains("run.json", r.Err);
        Assert.Empty(Directory.GetFileSystemEntries(empty));
    }

    [Fact]
    public async Task Report_on_a_corrupt_run_json_exits_2_naming_it()
    {
        var dir = Copy(runs.Passed, "corrupt");
        var runJson = Path.Combine(dir, "run.json");
        File.WriteAllText(runJson, File.ReadAllText(runJson)[..200]); // truncated mid-file
        var r = await CliHarness.RunAsync(output, "report", dir);
        Assert.Equal(2, r.Code);
        Assert.Contains("run.json could not be read", r.Err);
        Assert.DoesNotContain("   at ", r.All);
    }

    [Fact]
    public async Task Report_on_a_corrupt_steps_csv_exits_2_naming_it()
    {
        var dir = Copy(runs.Passed, "corrupt-steps");
        File.AppendAllText(Path.Combine(dir, "steps.csv"), "not,a,row\n");
        var r = await CliHarness.RunAsync(output, "report", dir);
        Assert.Equal(2, r.Code);
        Assert.Contains("steps.csv could not be read", r.Err);
    }

    [Theory]
    [InlineData("passed", 0)]
    [InlineData("threshold-failed", 1)]
    [InlineData("target-failed", 3)]
    public async Task Report_exits_with_what_the_run_found(string run, int expected)
    {
        var r = await CliHarness.RunAsync(output, "report", Copy(runs.Dir.File(run), "report-" + run));
        Assert.Equal(expected, r.Code);
    }

    [Fact]
    public async Task Stage_commands_exit_0_on_a_finished_run()
    {
        var dir = Copy(runs.Passed, "stages");
        Assert.Equal(0, (await CliHarness.RunAsync(output, "analyze", dir, "--resamples", "50")).Code);
        Assert.Equal(0, (await CliHarness.RunAsync(output, "simulate", dir, "--no-sweep")).Code);
    }

    [Theory]
    [InlineData("collect")]
    [InlineData("analyze")]
    [InlineData("simulate")]
    [InlineData("report")]
    public async Task Stage_commands_exit_2_on_a_directory_that_does_not_exist(string stage)
    {
        var r = await CliHarness.RunAsync(output, stage, _dir.File("nowhere"));
        Assert.Equal(2, r.Code);
        Assert.StartsWith("error: ", r.Err);
    }

    [Fact]
    public async Task Collect_exits_2_on_a_run_whose_target_is_not_sagemaker()
    {
        var r = await CliHarness.RunAsync(output, "collect", Copy(runs.Passed, "collect-http"));
        Assert.Equal(2, r.Code);
        Assert.Contains("not a SageMaker endpoint", r.Err);
    }

    [Fact]
    public async Task Collect_exits_3_when_aws_cannot_be_reached()
    {
        var dir = Copy(runs.Passed, "collect-aws");
        var runJson = Path.Combine(dir, "run.json");
        var run = LoadLabJson.Deserialize<RunInfo>(File.ReadAllText(runJson));
        File.WriteAllText(runJson, LoadLabJson.Serialize(run with { Target = new RunTarget("sagemaker", "ep", "AllTraffic", "us-east-1", null) }));
        var saved = (Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID"), Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY"));
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "secret");
        try
        {
            var r = await CliHarness.RunAsync(output, "collect", dir, "--endpoint-url", $"http://127.0.0.1:{FreePort.Next()}");
            Assert.Equal(3, r.Code);
        }
        finally
        {
            Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", saved.Item1);
            Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", saved.Item2);
        }
    }

    [Fact]
    public async Task Validate_exits_0_for_a_valid_file_and_2_for_a_bad_one()
    {
        var good = Path.Combine(ChildProcess.RepoRoot, "scenarios", "default.yaml");
        Assert.Equal(0, (await CliHarness.RunAsync(output, "validate", good)).Code);
        var bad = _dir.Write("bad.yaml", "name: x\nload: { phases: [ { shape: nope } ] }\n");
        Assert.Equal(2, (await CliHarness.RunAsync(output, "validate", bad)).Code);
    }

    [Theory]
    [InlineData("merge", "--out", "/nonexistent-loadlab-out", "/nonexistent-loadlab-shard")]
    [InlineData("apply")]
    [InlineData("verify", "/nonexistent-loadlab-scenario.yaml")]
    [InlineData("k8s-job", "/nonexistent-loadlab-scenario.yaml", "--shards", "2", "--image", "x")]
    [InlineData("sim-endpoint", "--workers", "0", "--describe")]
    [InlineData("demo", "--service-time", "bogus")]
    [InlineData("run", "/nonexistent-loadlab-scenario.yaml")]
    public async Task Bad_input_exits_2_with_a_message_and_no_stack_trace(params string[] args)
    {
        var r = await CliHarness.RunAsync(output, args);
        Assert.Equal(2, r.Code);
        Assert.Contains("error", r.Err);
        Assert.DoesNotContain("   at ", r.All);
    }

    [Fact]
    public async Task K8s_job_and_sim_endpoint_describe_exit_0()
    {
        var scenario = Path.Combine(ChildProcess.RepoRoot, "scenarios", "default.yaml");
        Assert.Equal(0, (await CliHarness.RunAsync(output, "k8s-job", scenario, "--shards", "2", "--image", "loadlab:test", "--out", _dir.File("job.yaml"))).Code);
        Assert.Equal(0, (await CliHarness.RunAsync(output, "sim-endpoint", "--describe")).Code);
    }

    private string Copy(string from, string name)
    {
        var to = _dir.File(name);
        Directory.CreateDirectory(to);
        foreach (var f in Directory.GetFiles(from)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
        return to;
    }
}

/// <summary>--region, --profile and --endpoint-url on the commands that talk to AWS, and only there.</summary>
public sealed class AwsFlagPlacementTests(ITestOutputHelper output)
{
    public static TheoryData<string, bool> Commands() => new()
    {
        { "run", true }, { "collect", true }, { "simulate", true }, { "apply", true }, { "verify", true },
        { "merge", true }, { "k8s-job", true }, { "sim-endpoint", true },
        { "demo", false }, { "validate", false }, { "analyze", false }, { "report", false }, { "compare", false }, { "trend", false },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Aws_flags_show_in_help_only_where_aws_is_called(string command, bool talksToAws)
    {
        var r = await CliHarness.RunAsync(output, command, "--help");
        Assert.Equal(0, r.Code);
        foreach (var flag in new[] { "--region", "--profile", "--endpoint-url" })
            Assert.Equal(talksToAws, r.Out.Contains(flag + " <", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_aws_flag_on_a_command_that_does_not_call_aws_is_an_error()
    {
        var r = await CliHarness.RunAsync(output, "analyze", "/nonexistent-run", "--region", "us-east-1");
        Assert.Equal(2, r.Code);
        Assert.Contains("--region", r.Err);
    }
}
