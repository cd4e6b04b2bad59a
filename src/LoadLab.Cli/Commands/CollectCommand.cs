using System.CommandLine;
using LoadLab.Cli.Infrastructure;
using LoadLab.Cli.Pipeline;
using LoadLab.Core.RunFiles;

namespace LoadLab.Cli.Commands;

/// <summary><c>loadlab collect &lt;run-dir&gt;</c>: the endpoint's CloudWatch metrics for the run window into metrics.json (read-only calls).</summary>
public static class CollectCommand
{
    public static Command Create()
    {
        var runDir = new Argument<string>("run-dir") { Description = "Run directory holding run.json (and instances.csv when the run sampled DescribeEndpoint)." };
        var flags = new CollectFlags();
        var command = new Command("collect", "Pull the endpoint's CloudWatch metrics for a run directory into metrics.json.") { runDir };
        foreach (var option in flags.All) command.Options.Add(option);
        command.SetAction(async (parse, ct) =>
        {
            var dir = parse.GetValue(runDir)!;
            var options = flags.Bind(parse);
            var io = parse.InvocationConfiguration;
            var code = await StageCommand.Runner(parse).CollectAsync(dir, options, ct);
            return RunCompletion.ForInterruptedRun(code, new RunDirectory(dir), io.Output);
        });
        return command;
    }
}
