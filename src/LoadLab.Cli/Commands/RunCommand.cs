using System.CommandLine;
using LoadLab.Cli.Infrastructure;
using LoadLab.Cli.Pipeline;
using LoadLab.Core.Errors;
using LoadLab.Core.RunFiles;
using LoadLab.Core.Scenarios;
using LoadLab.Core.Scenarios.Parameters;
using LoadLab.Engine.Running;
using LoadLab.Engine.Schedules;

namespace LoadLab.Cli.Commands;

/// <summary>
/// <c>loadlab run &lt;scenario&gt; [-e NAME=VALUE] [--set path=value] [--smoke] [--out DIR] [--out otlp|prometheus|jsonl=FILE] [--dashboard] [--seed N] [--stages load,...] [--shard i/N] [--start-at ISO] [--sample-instances 10s|off]</c>
/// and the later stages' options: validates the scenario and every option (bad input exits 2 before any load), then
/// <see cref="RunPipeline"/>: the load into the run directory, then the chosen stages of collect, analyze, simulate
/// and report; with <c>--baseline DIR</c> (checked before the load) the run is compared with it before the report, which shows it (<see cref="RunBaseline"/>).
/// Exit 1 when a threshold failed or the comparison found a regression, 3 when the target failed, 4 when interrupted, else the stages' code.
/// </summary>
public static class RunCommand
{
    public static Command Create()
    {
        var scenarioArg = new Argument<string>("scenario") { Description = "Scenario file (YAML or JSON)." };
        var telemetry = new TelemetryFlags();
        var seedOption = new Option<long?>("--seed") { Description = "Seed for every random choice (default: the scenario's, else drawn and recorded in run.json)." };
        var stagesOption = new Option<string?>("--stages")
        {
            Description = "Comma-separated stages to run: load (the load and its thresholds), collect, analyze, simulate, report; load is always first. " +
                          "(default: load,collect,analyze,simulate,report).",
        };
        var shardOption = new Option<string?>("--shard")
        { Description = "Run shard i of N, 0-based (0/3, 1/3, 2/3): every N-th arrival of the schedule, or 1/N of the users." };
        var startAtOption = new Option<string?>("--start-at") { Description = "UTC ISO-8601 time at which the load starts (aligns shards)." };
        var sampleInstancesOption = new Option<string?>("--sample-instances")
        {
            Description = "SageMaker targets: how often DescribeEndpoint is sampled into instances.csv (the variant's instance counts over time), " +
                          "or 'off' (default: 10s; only shard 0 samples).",
        };
        var force = new Option<bool>("--force") { Description = "Write into --out even when it already holds files: they are first moved aside into a timestamped sibling (<dir>.old-<time>); overwrite an existing --summary-export file." };
        var smoke = new Option<bool>("--smoke")
        {
            Description = $"Check the wiring first: every phase {DurationText.Format(SmokeScenario.PhaseDuration)} at up to {SmokeScenario.MaxRatePerS:0} requests/s " +
                          $"({SmokeScenario.Users} user in the closed model), named <scenario>{SmokeScenario.NameSuffix}; with it --stages is load unless given.",
        };
        var prices = new Option<string?>("--prices")
        { Description = "Scenarios with candidates: a price table (CSV: instance_type,region,usd_per_instance_hour) that wins over the built-in one." };
        var traffic = new Option<string?>("--traffic")
        {
            Description = "The traffic the simulate stage backtests the policy on: a per-minute CSV (period,count), a run's timeline.csv, or a scenario " +
                          "(default: the run's own timeline.csv).",
        };
        var scenarioFlags = new ScenarioFlags();
        var stageFlags = new PostRunFlags();
        var command = new Command("run", "Drive the load of a scenario, then collect, analyze, simulate and report.")
        {
            scenarioArg, force, seedOption, stagesOption, shardOption, startAtOption, sampleInstancesOption, smoke, prices, traffic,
        };
        foreach (var option in telemetry.All) command.Options.Add(option);
        foreach (var option in scenarioFlags.All) command.Options.Add(option);
        foreach (var option in stageFlags.All) command.Options.Add(option);
        var baseline = new RunBaseline();
        baseline.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            // Signals are ours: the load needs its graceful stop, longer than System.CommandLine's 2 s before it kills
            // the process. Set before the first await, which is when System.CommandLine reads it.
            parse.InvocationConfiguration.ProcessTerminationTimeout = null;
            var isSmoke = parse.GetValue(smoke);
            var stages = RunStagesParser.Parse(parse.GetValue(stagesOption) ?? (isSmoke ? "load" : null));
            var postRun = stageFlags.Bind(parse, stages);
            if (parse.GetValue(traffic) is { } trafficPath)
            {
                if (!File.Exists(trafficPath)) throw new UserInputException(trafficPath, "--traffic", "file not found");
                postRun = postRun with { Simulate = postRun.Simulate with { Request = postRun.Simulate.Request with { TrafficPath = Path.GetFullPath(trafficPath) } } };
            }
            var scenario = scenarioFlags.Load(parse, parse.GetValue(scenarioArg)!);
            if (isSmoke)
            {
                var full = ScenarioSummary.Of(scenario);
                scenario = SmokeScenario.Of(scenario);
                parse.InvocationConfiguration.Output.WriteLine($"smoke run: {ScenarioSummary.Of(scenario)} (the scenario itself: {full})");
            }
            var comparison = baseline.Check(parse, scenario.Name);
            var shard = parse.GetValue(shardOption) is { } shardText ? ShardSpec.Parse(shardText) : ShardSpec.Whole;
            var outputs = telemetry.Bind(parse);
            var outDir = outputs.RunDirectory;
            var runDir = outDir ?? RunDirectory.Default("reports", scenario.Name, TimeProvider.System.GetUtcNow()).Path;
            if (!shard.IsWhole && outDir is null) runDir += $"-shard{shard.Index}of{shard.Count}";
            var summary = SummaryExportTarget.Check(postRun.Report.SummaryExportPath, parse.GetValue(force), runDir,
                RunInfoBuilder.Inputs(scenario).Select(i => i.Path));
            postRun = postRun with
            {
                Report = postRun.Report with { SummaryExportPath = summary },
                Baseline = comparison,
                Verbose = Verbosities.Of(parse) == Verbosity.Verbose,
            };
            var request = new RunPipelineRequest
            {
                Scenario = scenario,
                RunDirectory = runDir,
                Seed = parse.GetValue(seedOption),
                Shard = shard,
                StartAt = parse.GetValue(startAtOption) is { } at ? TimeArgument.Parse(at, "--start-at", "2026-01-02T03:04:05Z") : null,
                SampleInstances = SampleInstances(parse.GetValue(sampleInstancesOption)),
                PostRun = postRun,
                Force = parse.GetValue(force),
                Telemetry = outputs.Options with { Shard = shard.IsWhole ? null : shard.ToString() },
            };
            var io = parse.InvocationConfiguration;
            if (scenario.Candidates.Count > 0)
            {
                if (!shard.IsWhole) throw new UserInputException("--shard", "--shard", "a scenario with candidates runs each candidate whole; shard a scenario without candidates");
                if (comparison is not null) throw new UserInputException("--baseline", "--baseline", "a scenario with candidates is compared per candidate: run 'loadlab compare' on the sub-runs");
                return await new CandidateRunPipeline(GlobalOptions.Read(parse), io.Output, io.Error).RunAsync(request, parse.GetValue(prices), ct);
            }
            if (parse.GetValue(prices) is not null)
                throw new UserInputException("--prices", "--prices", "prices a scenario's candidates, and this scenario has none (see docs/choose.md)");
            return await new RunPipeline(GlobalOptions.Read(parse), io.Output, io.Error).RunAsync(request, ct);
        });
        return command;
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
}
