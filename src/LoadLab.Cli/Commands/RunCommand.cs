using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using LoadLab.Cli.Infrastructure;
using LoadLab.Cli.Pipeline;
using LoadLab.Core.Errors;
using LoadLab.Core.RunFiles;
using LoadLab.Core.Scenarios;
using LoadLab.Engine.Progress;
using LoadLab.Engine.Running;
using LoadLab.Engine.Schedules;
using LoadLab.Engine.Targets;

namespace LoadLab.Cli.Commands;

/// <summary>
/// <c>loadlab run &lt;scenario&gt; [--out DIR] [--seed N] [--shard i/N] [--start-at ISO] [--sample-instances 10s|off]</c>: validates the scenario (bad
/// input exits 2 before any load), runs the load into the run directory (<see cref="LoadRunner"/>), then the post-run
/// pipeline (collect, analyze, simulate, report). Exit 1 when a threshold failed, 3 when the target failed, else the
/// pipeline's code. Ctrl-C / SIGTERM stop sending, wait for in-flight requests (the scenario's gracefulStop) and keep
/// every file; a second signal ends the process at once.
/// </summary>
public static class RunCommand
{
    public static Command Create()
    {
        var scenarioArg = new Argument<string>("scenario") { Description = "Scenario file (YAML or JSON)." };
        var outOption = new Option<string?>("--out") { Description = "Run directory (default: reports/<scenario>-<yyyyMMddTHHmmssZ>)." };
        var seedOption = new Option<long?>("--seed") { Description = "Seed for every random choice (default: the scenario's, else drawn and recorded in run.json)." };
        var shardOption = new Option<string?>("--shard")
        { Description = "Run shard i of N, 0-based (0/3, 1/3, 2/3): every N-th arrival of the schedule, or 1/N of the users." };
        var startAtOption = new Option<string?>("--start-at") { Description = "UTC ISO-8601 time at which the load starts (aligns shards)." };
        var collectPeriodOption = new Option<int?>("--collect-period")
        { Description = "CloudWatch period in seconds for the collect stage (default: 60, SageMaker's resolution; 10 for high-resolution metrics such as the sim endpoint's)." };
        var sampleInstancesOption = new Option<string?>("--sample-instances")
        {
            Description = "SageMaker targets: how often DescribeEndpoint is sampled into instances.csv (the variant's instance counts over time), " +
                          "or 'off'. Default 10s; only shard 0 samples.",
        };
        var command = new Command("run", "Drive the load of a scenario, then collect, analyze, simulate and report.")
        {
            scenarioArg, outOption, seedOption, shardOption, startAtOption, collectPeriodOption, sampleInstancesOption,
        };
        var baseline = new RunBaseline();
        baseline.AddTo(command);
        command.SetAction((parse, ct) =>
        {
            // Signals are ours: the load needs its graceful stop, longer than System.CommandLine's 2 s before it kills
            // the process. Set before the first await, which is when System.CommandLine reads it.
            parse.InvocationConfiguration.ProcessTerminationTimeout = null;
            return RunAsync(parse, parse.GetValue(scenarioArg)!, parse.GetValue(outOption), parse.GetValue(seedOption),
                parse.GetValue(shardOption), parse.GetValue(startAtOption), parse.GetValue(collectPeriodOption),
                parse.GetValue(sampleInstancesOption), baseline, ct);
        });
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, string scenarioPath, string? outDir, long? seed, string? shardText,
        string? startAtText, int? collectPeriod, string? sampleInstancesText, RunBaseline baseline, CancellationToken ct)
    {
        var output = parse.InvocationConfiguration.Output;
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => OnSignal(c, interrupt));
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => OnSignal(c, interrupt));

        var scenario = ScenarioLoader.Load(scenarioPath);
        var shard = shardText is null ? ShardSpec.Whole : ShardSpec.Parse(shardText);
        var startAt = startAtText is null ? (DateTimeOffset?)null : TimeArgument.Parse(startAtText, "--start-at", "2026-01-02T03:04:05Z");
        var sampleInstances = SampleInstances(sampleInstancesText);
        var aws = GlobalOptions.Read(parse);
        var comparison = baseline.Check(parse, scenario.Name);
        var runDir = outDir ?? RunDirectory.Default("reports", scenario.Name, DateTimeOffset.UtcNow).Path;
        if (!shard.IsWhole && outDir is null) runDir += $"-shard{shard.Index}of{shard.Count}";

        var result = await LoadRunner.RunAsync(new LoadRunRequest
        {
            Scenario = scenario,
            RunDirectory = runDir,
            Seed = seed,
            Shard = shard,
            StartAt = startAt,
            TargetSettings = new TargetSettings(aws.Region, aws.Profile, aws.EndpointUrl),
            SampleInstances = sampleInstances,
            Progress = ReferenceEquals(output, Console.Out) ? LiveProgress.ForConsole(output) : new PlainProgress(output),
        }, interrupt.Token);

        var dir = result.Directory;
        output.WriteLine($"run files: {dir.RunJson}, {dir.TimelineCsv}, {dir.StepsCsv}, {dir.LatencyHlog}");
        var thresholdExit = result.ThresholdsPassed ? ExitCodes.Ok : ExitCodes.ThresholdFailed;
        if (interrupt.IsCancellationRequested)
        {
            output.WriteLine($"interrupted: skipping collect, analyze, simulate and report (run them with 'loadlab analyze {dir.Path}' and friends)");
            return thresholdExit;
        }
        var pipeline = await PostRunPipeline.RunAsync(dir.Path, parse, ct,
            collectArgs: collectPeriod is { } p ? ["--period", p.ToString(CultureInfo.InvariantCulture)] : []);
        var compareExit = comparison?.Compare(dir.Path, output, parse.InvocationConfiguration.Error) ?? ExitCodes.Ok;
        return PostRunPipeline.Worse(PostRunPipeline.Worse(thresholdExit, pipeline), compareExit);
    }

    /// <summary>--sample-instances: a duration (scenario grammar, at least 1s), or off; null = the default (10 s).</summary>
    public static InstanceSamplingOptions? SampleInstances(string? text)
    {
        if (text is null) return new InstanceSamplingOptions();
        if (string.Equals(text.Trim(), "off", StringComparison.OrdinalIgnoreCase)) return null;
        var interval = DurationArgument.Parse(text, "--sample-instances");
        if (interval < TimeSpan.FromSeconds(InstanceSamplingOptions.MinIntervalSeconds))
            throw new UserInputException("--sample-instances", "--sample-instances",
                $"'{text}' is too short: at least {InstanceSamplingOptions.MinIntervalSeconds:0}s (DescribeEndpoint is rate-limited), or 'off'");
        return new InstanceSamplingOptions { Interval = interval };
    }

    /// <summary>First signal: graceful stop. Second: let the runtime end the process.</summary>
    private static void OnSignal(PosixSignalContext context, CancellationTokenSource interrupt)
    {
        if (interrupt.IsCancellationRequested) return;
        context.Cancel = true;
        interrupt.Cancel();
    }
}
