using System.CommandLine;
using System.Globalization;
using LoadLab.Aws;
using LoadLab.Aws.Collector;
using LoadLab.Cli.Infrastructure;
using LoadLab.Core.Errors;
using LoadLab.Core.RunFiles;

namespace LoadLab.Cli.Commands;

/// <summary><c>loadlab collect &lt;run-dir&gt;</c>: the endpoint's CloudWatch metrics for the run window into metrics.json (read-only calls).</summary>
public static class CollectCommand
{
    public static Command Create()
    {
        var runDir = new Argument<string>("run-dir") { Description = "Run directory holding run.json (and instances.csv when the run sampled DescribeEndpoint)." };
        var period = new Option<int?>("--period")
        { Description = "Period in seconds for every query (1, 5, 10, 30 or a multiple of 60). Default: 60, and 10 for the high-resolution ConcurrentRequestsPerModel on windows up to 3 h." };
        var command = new Command("collect", "Pull the endpoint's CloudWatch metrics for a run directory into metrics.json.") { runDir, period };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var dir = parse.GetValue(runDir)!;
            CollectorOptions options;
            try { options = new CollectorOptions { PeriodS = parse.GetValue(period) }.Validate(); }
            catch (ArgumentException e) { throw new UserInputException("--period", "--period", e.Message); }
            var s = GlobalOptions.Read(parse);
            using var aws = AwsContext.Create(s.Region ?? CollectService.RegionOf(dir), s.Profile, s.EndpointUrl);
            var m = await CollectService.CollectRunDirectoryAsync(dir, aws.CloudWatch(), aws.SageMaker(), TimeProvider.System, options, ct);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"collected {m.Series.Count} series ({m.Series.Sum(x => x.Points.Count)} datapoints) and {m.InstanceCounts.Count} instance-count sample(s) for {m.Endpoint}/{m.Variant}, {m.WindowStartUtc:yyyy-MM-ddTHH:mm}Z – {m.WindowEndUtc:HH:mm}Z"));
            foreach (var w in m.Warnings) output.WriteLine($"{w.Severity.ToString().ToLowerInvariant()}: {w.Text} [{w.Code}]");
            output.WriteLine($"wrote {new RunDirectory(dir).MetricsJson}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
