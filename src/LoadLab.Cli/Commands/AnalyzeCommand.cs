using System.CommandLine;
using LoadLab.Cli.Infrastructure;
using LoadLab.Cli.Pipeline;
using LoadLab.Core.RunFiles;

namespace LoadLab.Cli.Commands;

/// <summary>
/// <c>loadlab analyze &lt;run-dir&gt;</c>: fit, knee, sustainable invocations per instance, and the recommended policy
/// (analysis.json, recommendation.json, and steps.csv's server columns when metrics.json exists). Identical files give identical output.
/// </summary>
public static class AnalyzeCommand
{
    public static Command Create()
    {
        var runDir = new Argument<string>("run-dir") { Description = "Run directory holding run.json and steps.csv (or timeline.csv); metrics.json when collected." };
        var seed = new Option<long?>("--seed") { Description = "Seed of the bootstrap confidence interval (default: the run's seed (run.json))." };
        var flags = new AnalyzeFlags();
        var command = new Command("analyze", "Fit latency against invocations per instance and write analysis.json and recommendation.json.") { runDir, seed };
        foreach (var option in flags.All) command.Options.Add(option);
        command.SetAction((parse, _) =>
        {
            var dir = parse.GetValue(runDir)!;
            var options = flags.Bind(parse, parse.GetValue(seed));
            var code = StageCommand.Runner(parse).Analyze(dir, options);
            return Task.FromResult(RunCompletion.ForInterruptedRun(code, new RunDirectory(dir), parse.InvocationConfiguration.Output));
        });
        return command;
    }
}
