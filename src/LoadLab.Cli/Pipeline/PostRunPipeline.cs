using System.CommandLine;
using LoadLab.Cli.Infrastructure;
using LoadLab.Core.Errors;
using LoadLab.Core.Json;
using LoadLab.Core.RunFiles;

namespace LoadLab.Cli.Pipeline;

/// <summary>
/// What follows a load run: collect, analyze, simulate, report. Each stage is the very command a user would type
/// (`loadlab analyze &lt;run-dir&gt;` ...), run in-process with the same global options, so the pipeline and the
/// stage commands cannot drift apart. A failed stage is reported and the stages that can still run do; the report
/// always runs last and says what is missing.
/// </summary>
public static class PostRunPipeline
{
    /// <param name="collectArgs">Extra options for the collect stage (e.g. --period 10 for high-resolution metrics).</param>
    public static async Task<int> RunAsync(string runDir, ParseResult parse, CancellationToken ct, IReadOnlyList<string>? collectArgs = null)
    {
        var stdout = parse.InvocationConfiguration.Output;
        var stderr = parse.InvocationConfiguration.Error;
        var dir = new RunDirectory(runDir);
        var info = RunJson.TryReadRun(dir.RunJson);
        if (info?.Shard is not null)
        {
            stdout.WriteLine($"shard {info.Shard}: skipping collect, analyze, simulate and report; merge the shards with 'loadlab merge'");
            return ExitCodes.Ok;
        }

        var globals = ForwardedGlobals(parse);
        var worst = ExitCodes.Ok;
        var collect = string.Equals(info?.Target.Kind, "sagemaker", StringComparison.OrdinalIgnoreCase);
        if (!collect) stdout.WriteLine("collect: skipped (the target is not a SageMaker endpoint, so there are no CloudWatch metrics)");

        foreach (var stage in new[] { "collect", "analyze", "simulate", "report" })
        {
            if (stage == "collect" && !collect) continue;
            // Simulation needs the analysis; without it the report says why instead.
            if (stage == "simulate" && !File.Exists(dir.AnalysisJson))
            {
                stdout.WriteLine("simulate: skipped (no analysis.json)");
                continue;
            }
            stdout.WriteLine($"── {stage} ──");
            IReadOnlyList<string> extra = stage == "collect" ? collectArgs ?? [] : [];
            var code = await InProcessCommand.RunAsync([stage, runDir, .. extra, .. globals], stdout, stderr, ct);
            if (code != ExitCodes.Ok) stderr.WriteLine($"{stage}: exit {code}; continuing with what can still run");
            worst = Worse(worst, code);
            if (ct.IsCancellationRequested) break;
        }
        return worst;
    }

    /// <summary>--region, --profile and --endpoint-url as the user gave them.</summary>
    public static IReadOnlyList<string> ForwardedGlobals(ParseResult parse)
    {
        var s = GlobalOptions.Read(parse);
        var args = new List<string>();
        if (s.Region is { } r) args.AddRange(["--region", r]);
        if (s.Profile is { } p) args.AddRange(["--profile", p]);
        if (s.EndpointUrl is { } u) args.AddRange(["--endpoint-url", u]);
        return args;
    }

    /// <summary>A failed target or AWS call (3) outranks bad input (2), which outranks a failed threshold (1).</summary>
    public static int Worse(int a, int b) => Rank(b) > Rank(a) ? b : a;

    private static int Rank(int code) => code switch
    {
        ExitCodes.Ok => 0,
        ExitCodes.ThresholdFailed => 1,
        ExitCodes.BadInput => 2,
        ExitCodes.TargetOrAwsFailed => 3,
        _ => 4,
    };
}
