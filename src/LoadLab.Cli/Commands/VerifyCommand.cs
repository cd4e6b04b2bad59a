using System.CommandLine;
using LoadLab.Cli.Infrastructure;
using LoadLab.Cli.Progress;
using LoadLab.Engine.Progress;
using LoadLab.Engine.Targets;
using LoadLab.Verify;

namespace LoadLab.Cli.Commands;

/// <summary>
/// <c>loadlab verify &lt;scenario&gt; [--policy applied.json|recommendation.json] [--analysis analysis.json] [--out DIR]
/// [--admin-url URL] [--allowed-violation-minutes N] [--seed N]</c>: runs the scenario against an endpoint whose scaling
/// policy is live and judges whether the SLO held while it scaled. Thin over <see cref="VerifyService"/>, printed by
/// <see cref="VerifyPrinter"/>; exit 1 when the SLO did not hold.
/// </summary>
public static class VerifyCommand
{
    public static Command Create()
    {
        var scenario = new Argument<string>("scenario") { Description = "Scenario to run (typically a spike or a replayed peak)." };
        var policy = new Option<string?>("--policy") { Description = "recommendation.json or applied.json of the live policy: compares the run with what 'loadlab simulate' predicts." };
        var analysis = new Option<string?>("--analysis") { Description = "analysis.json for the prediction (default: the one beside --policy)." };
        var outDir = new Option<string?>("--out") { Description = "Run directory for the run files and verify.json (default: reports/<scenario>-verify-<time>)." };
        var adminUrl = new Option<string?>("--admin-url") { Description = "Base URL of the sim endpoint (its admin API) (default: the scenario's target when it is the sim; otherwise AWS (DescribeEndpoint, DescribeScalingActivities))." };
        var allowed = new Option<int>("--allowed-violation-minutes") { Description = "Minutes over the SLO that still count as held.", DefaultValueFactory = _ => 0 };
        var seed = new Option<long?>("--seed") { Description = "Seed of the load's randomness." };
        var force = new Option<bool>("--force") { Description = "Write into --out even when it already holds files: they are first moved aside into a timestamped sibling (<dir>.old-<time>)." };
        var command = new Command("verify", "Run a scenario against an endpoint with a live policy and check the SLO held while it scaled.")
        {
            scenario, policy, analysis, outDir, force, adminUrl, allowed, seed,
        };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var aws = GlobalOptions.Read(parse);
            if (parse.GetValue(allowed) < 0) throw new Core.Errors.UserInputException("--allowed-violation-minutes", "--allowed-violation-minutes", "must be >= 0");
            if (parse.GetValue(outDir) is { } dir && OutputDirectory.Claim(dir, "--out", parse.GetValue(force), TimeProvider.System) is { } aside)
                output.WriteLine($"--force: moved what was in {dir} aside into {aside}");
            var printer = new VerifyPrinter(output);
            var outcome = await VerifyService.RunAsync(new VerifyRequest
            {
                ScenarioPath = parse.GetValue(scenario)!,
                PolicyPath = parse.GetValue(policy),
                AnalysisPath = parse.GetValue(analysis),
                OutputDirectory = parse.GetValue(outDir),
                AdminUrl = parse.GetValue(adminUrl),
                AllowedViolationMinutes = parse.GetValue(allowed),
                Seed = parse.GetValue(seed),
                Target = new TargetSettings(aws.Region, aws.Profile, aws.EndpointUrl),
                Progress = new PlainProgress(output),
                Watching = printer,
            }, ct);
            printer.Finished(outcome);
            return VerifyPrinter.ExitCode(outcome);
        });
        return command;
    }
}
