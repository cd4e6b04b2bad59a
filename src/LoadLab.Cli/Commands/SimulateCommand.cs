using System.CommandLine;
using System.Globalization;
using LoadLab.Aws;
using LoadLab.Aws.CloudWatch;
using LoadLab.Cli.Infrastructure;
using LoadLab.Core.AwsApi;
using LoadLab.Core.Errors;
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
        var runDir = new Argument<string>("run-dir") { Description = "Run directory holding analysis.json (and recommendation.json, timeline.csv)." };
        var traffic = new Option<string?>("--traffic") { Description = "Traffic to replay: a per-minute CSV (period,count), a timeline.csv, or a scenario file. Default: the run's timeline.csv." };
        var fromCw = new Option<string?>("--from-cloudwatch") { Description = "Replay this endpoint's own Invocations (Sum per minute) from CloudWatch." };
        var variant = new Option<string>("--variant") { Description = "Variant for --from-cloudwatch.", DefaultValueFactory = _ => "AllTraffic" };
        var days = new Option<double?>("--days") { Description = "Days of traffic: the CloudWatch look-back (at most 14, default 14) or a window of a trace." };
        var start = new Option<string?>("--start") { Description = "Start of the trace window, UTC (e.g. 1998-06-10 or 1998-06-10T00:00:00); for a scenario, the time its load starts (default 2026-01-01)." };
        var scaleToPeak = new Option<double?>("--scale-to-peak") { Description = "Scale the traffic so its busiest minute averages this many requests/s." };
        var scale = new Option<double?>("--scale") { Description = "Multiply the traffic by this factor." };
        var policy = new Option<string?>("--policy") { Description = "recommendation.json (or applied policy) to backtest. Default: the run's recommendation.json." };
        var seed = new Option<long>("--seed") { Description = "Seed of the simulation's randomness (instance startup spread).", DefaultValueFactory = _ => 42 };
        var noSweep = new Option<bool>("--no-sweep") { Description = "Only the policy and the rule of thumb, no targets x cooldowns sweep." };
        var command = new Command("simulate", "Replay traffic through a model of Application Auto Scaling for candidate policies.")
        {
            runDir, traffic, fromCw, variant, days, start, scaleToPeak, scale, policy, seed, noSweep,
        };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            DateTimeOffset? startUtc = parse.GetValue(start) is { } s ? TimeArgument.Parse(s, "--start", "1998-06-10T00:00:00") : null;
            var endpoint = parse.GetValue(fromCw);
            using var aws = endpoint is null ? null : GlobalOptions.CreateAwsContext(parse);
            var request = new SimulateRequest
            {
                RunDirectory = parse.GetValue(runDir)!,
                TrafficPath = parse.GetValue(traffic),
                FromCloudWatchEndpoint = endpoint,
                Variant = parse.GetValue(variant)!,
                History = aws is null ? null : new CloudWatchInvocations(aws.CloudWatch()),
                Days = parse.GetValue(days),
                Start = startUtc,
                ScaleToPeakRps = parse.GetValue(scaleToPeak),
                Scale = parse.GetValue(scale),
                PolicyPath = parse.GetValue(policy),
                Seed = parse.GetValue(seed),
                Sweep = !parse.GetValue(noSweep),
                NowUtc = TimeProvider.System.GetUtcNow(),
            };
            var outcome = await SimulationService.RunAsync(request, ct);
            Print(output, outcome);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Print(TextWriter o, SimulateOutcome outcome)
    {
        var f = outcome.File;
        o.WriteLine($"traffic: {f.TrafficSource}, {f.Minutes} min from {f.StartUtc:yyyy-MM-dd HH:mm}Z; {f.Candidates.Count} candidates, seed {f.Seed}");
        var shown = f.Candidates.Where(c => c.Kind != "sweep" || f.ParetoFront.Contains(c.Name)).ToList();
        o.WriteLine($"{"candidate",-34} {"target",8} {"cooldowns",10} {"SLO-viol min",12} {"worst ms",9} {"inst-h",9} {"cost",9} {"out/in",7} {"flaps",5}  front");
        foreach (var c in shown)
        {
            var mark = c.Name == f.Recommended ? " *" : "";
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Trim(c.Name + mark, 34),-34} {c.TargetValue,8:0.#} {c.ScaleOutCooldownS + "/" + c.ScaleInCooldownS,10} {c.SloViolationMinutes,12:0} {c.WorstLatencyMs,9:0} {c.InstanceHours,9:0.#} {(c.CostUsd is { } cost ? cost.ToString("0.##", CultureInfo.InvariantCulture) : "-"),9} {c.ScaleOuts + "/" + c.ScaleIns,7} {c.Flaps,5}  {(c.OnParetoFront ? "yes" : "")}"));
        }
        o.WriteLine($"(* = recommended; sweep points shown only when on the cost-versus-SLO Pareto front)");
        foreach (var w in f.Warnings) o.WriteLine($"warning: {w}");
        o.WriteLine($"wrote {outcome.OutputPath}");
    }

    private static string Trim(string s, int n) => s.Length <= n ? s : s[..(n - 1)] + "…";

    /// <summary>AWS/SageMaker Invocations (Sum, 60 s) for one variant, through the AWS layer's CloudWatch client.</summary>
    private sealed class CloudWatchInvocations(ICloudWatchClient client) : IInvocationHistory
    {
        public Task<IReadOnlyList<(DateTimeOffset TimeUtc, double Count)>> InvocationsPerMinuteAsync(string endpoint, string variant,
            DateTimeOffset startUtc, DateTimeOffset endUtc, CancellationToken cancellationToken) =>
            client.SumPerMinuteAsync("Invocations", endpoint, variant, startUtc, endUtc, cancellationToken);
    }
}
