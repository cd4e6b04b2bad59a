using LoadLab.Choice;
using LoadLab.Cli.Commands;
using LoadLab.Cli.Infrastructure;
using LoadLab.Core.Errors;
using LoadLab.Core.Json;
using LoadLab.Core.Pricing;
using LoadLab.Core.RunFiles;
using LoadLab.Core.Scenarios;

namespace LoadLab.Cli.Pipeline;

/// <summary>
/// `loadlab run` for a scenario with candidates: every candidate priced first (a missing price is bad input before any
/// load), then the same load design and stages against each candidate in turn, each into its own sub-run
/// (<c>&lt;run-dir&gt;/&lt;candidate&gt;/</c>, with every file a run has), then candidates.json and the choice.
/// </summary>
public sealed class CandidateRunPipeline(AwsSettings aws, TextWriter stdout, TextWriter stderr)
{
    public async Task<int> RunAsync(RunPipelineRequest request, string? pricesPath, CancellationToken ct, CancellationToken stop = default)
    {
        var scenario = request.Scenario;
        var userPrices = pricesPath is null ? null : PriceTable.Load(pricesPath);
        var region = CandidatePriceCheck.RegionOf(scenario, aws.Region);
        var quotes = CandidatePriceCheck.Resolve(scenario, region, userPrices);
        if (OutputDirectory.Claim(request.RunDirectory, "--out", request.Force, TimeProvider.System) is { } aside)
            stdout.WriteLine($"--force: moved what was in {request.RunDirectory} aside into {aside}");

        var code = ExitCodes.Ok;
        var entries = new List<CandidateEntry>();
        for (var i = 0; i < scenario.Candidates.Count; i++)
        {
            var c = scenario.Candidates[i];
            var quote = quotes[i];
            stdout.WriteLine($"candidate {i + 1}/{scenario.Candidates.Count}: {c.Name} ({c.InstanceType}, {quote.UsdPerInstanceHour.ToString(System.Globalization.CultureInfo.InvariantCulture)} USD/instance-hour from {quote.Source})");
            var sub = request with
            {
                Scenario = CandidateScenario.For(scenario, c, quote.UsdPerInstanceHour),
                RunDirectory = Path.Combine(request.RunDirectory, c.Name),
                Force = false,
            };
            var subCode = await new RunPipeline(aws, stdout, stderr).RunAsync(sub, ct, stop).ConfigureAwait(false);
            code = ExitCodeOrder.Worse(code, subCode);
            entries.Add(new CandidateEntry
            {
                Name = c.Name, InstanceType = c.InstanceType, RunDirectory = c.Name, Endpoint = sub.Scenario.Target.Endpoint,
                Variant = c.Variant, PricePerInstanceHourUsd = c.PricePerInstanceHour,
            });
            // An interrupted candidate ends the choice: the next candidates would not run on what the user stopped.
            if (subCode == ExitCodes.Interrupted || stop.IsCancellationRequested || ct.IsCancellationRequested) break;
        }
        Directory.CreateDirectory(request.RunDirectory);
        LoadLabJson.WriteFile(Path.Combine(request.RunDirectory, CandidatesFile.FileName), new CandidatesFile
        {
            Region = region, Candidates = entries, Traffic = request.PostRun.Simulate.Request.TrafficPath,
        });
        if (code == ExitCodes.Interrupted || !request.PostRun.Stages.HasFlag(RunStages.Simulate)) return code;
        try
        {
            var outcome = ChooseService.Choose(new ChooseRequest { RunDirectory = request.RunDirectory, PricesPath = pricesPath, Region = region });
            return ExitCodeOrder.Worse(code, ChooseCommand.Print(stdout, outcome));
        }
        catch (UserInputException e)
        {
            stderr.WriteLine($"choose: {e.Message}");
            return ExitCodeOrder.Worse(code, ExitCodes.BadInput);
        }
    }
}
