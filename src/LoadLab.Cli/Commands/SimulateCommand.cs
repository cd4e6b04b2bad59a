using System.CommandLine;
using LoadLab.Cli.Infrastructure;
using LoadLab.Cli.Pipeline;
using LoadLab.Core.RunFiles;
using LoadLab.Simulation;

namespace LoadLab.Cli.Commands;

/// <summary>
/// <c>loadlab simulate &lt;run-dir&gt;</c>: backtests the recommended policy, the AWS rule of thumb and a sweep of
/// targets x cooldowns on the run's traffic (or a trace, a scenario, or the endpoint's CloudWatch history), writes
/// simulation.json and prints a short table.
/// </summary>
public static class SimulateCommand
{
    public static Command Create()
    {
        var d = new SimulateStageOptions().Request;
        var runDir = new Argument<string>("run-dir") { Description = "Run directory holding analysis.json (and recommendation.json, timeline.csv)." };
        var traffic = new Option<string?>("--traffic") { Description = "Traffic to replay: a per-minute CSV (period,count), a timeline.csv, or a scenario file (default: the run's timeline.csv)." };
        var fromCw = new Option<string?>("--from-cloudwatch") { Description = "Replay this endpoint's own Invocations (Sum per minute) from CloudWatch." };
        var variant = new Option<string>("--variant") { Description = "Variant for --from-cloudwatch.", DefaultValueFactory = _ => d.Variant };
        var days = new Option<double?>("--days") { Description = "Days of traffic: the CloudWatch look-back, at most 14, or a window of a trace (default: 14)." };
        var start = new Option<string?>("--start") { Description = "Start of the trace window, UTC (e.g. 1998-06-10 or 1998-06-10T00:00:00); for a scenario, the time its load starts (default: 2026-01-01)." };
        var scaleToPeak = new Option<double?>("--scale-to-peak") { Description = "Scale the traffic so its busiest minute averages this many requests/s." };
        var scale = new Option<double?>("--scale") { Description = "Multiply the traffic by this factor." };
        var policy = new Option<string?>("--policy") { Description = "recommendation.json (or applied policy) to backtest (default: the run's recommendation.json)." };
        var seed = new Option<long>("--seed") { Description = "Seed of the simulation's randomness (instance startup spread).", DefaultValueFactory = _ => d.Seed };
        var flags = new SimulateFlags();
        var command = new Command("simulate", "Replay traffic through a model of Application Auto Scaling for candidate policies.")
        {
            runDir, traffic, fromCw, variant, days, start, scaleToPeak, scale, policy, seed,
        };
        foreach (var option in flags.All) command.Options.Add(option);
        command.SetAction(async (parse, ct) =>
        {
            var dir = parse.GetValue(runDir)!;
            var options = flags.Bind(parse, new SimulateStageOptions
            {
                Request = new SimulateRequest
                {
                    RunDirectory = dir,
                    TrafficPath = parse.GetValue(traffic),
                    FromCloudWatchEndpoint = parse.GetValue(fromCw),
                    Variant = parse.GetValue(variant)!,
                    Days = parse.GetValue(days),
                    Start = parse.GetValue(start) is { } s ? TimeArgument.Parse(s, "--start", "1998-06-10T00:00:00") : null,
                    ScaleToPeakRps = parse.GetValue(scaleToPeak),
                    Scale = parse.GetValue(scale),
                    PolicyPath = parse.GetValue(policy),
                    Seed = parse.GetValue(seed),
                },
            });
            var code = await StageCommand.Runner(parse).SimulateAsync(dir, options, ct);
            return RunCompletion.ForInterruptedRun(code, new RunDirectory(dir), parse.InvocationConfiguration.Output);
        });
        return command;
    }
}
