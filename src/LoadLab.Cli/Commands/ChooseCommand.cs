using System.CommandLine;
using System.Globalization;
using LoadLab.Choice;
using LoadLab.Choice.Model;
using LoadLab.Core.Errors;

namespace LoadLab.Cli.Commands;

/// <summary>
/// <c>loadlab choose &lt;run-dir&gt; [--prices FILE] [--region R]</c>: for each candidate instance type of a run with
/// candidates, the sustainable load, the policy, its backtest and its cost; the cheapest that holds the SLO wins.
/// Exit 0 a winner, 1 none holds the SLO, 2 bad input.
/// </summary>
public static class ChooseCommand
{
    public static Command Create()
    {
        var runDir = new Argument<string>("run-dir") { Description = "The run directory of a scenario with candidates (it holds candidates.json and one sub-run per candidate)." };
        var prices = new Option<string?>("--prices")
        {
            Description = "A price table (CSV: instance_type,region,usd_per_instance_hour) that wins over the built-in one; a candidate's own " +
                          "pricePerInstanceHour in the scenario wins over both.",
        };
        var region = new Option<string?>("--price-region") { Description = "Look prices up for this region (default: the scenario's target region)." };
        var maxViolation = new Option<double?>("--max-violation-minutes")
        { Description = "SLO-violation minutes a backtest may have and still hold (with 1 % of its minutes, whichever is larger) (default: 2)." };
        var command = new Command("choose",
            "Choose the instance type: per candidate, the sustainable load per instance, the policy, its backtest and cost; the cheapest that holds the SLO.")
        {
            runDir, prices, region, maxViolation,
        };
        command.SetAction((parse, _) =>
        {
            var options = new ChoiceOptions();
            if (parse.GetValue(maxViolation) is { } m)
            {
                if (!(m >= 0) || !double.IsFinite(m))
                    throw new UserInputException("--max-violation-minutes", "--max-violation-minutes", $"'{m.ToString(CultureInfo.InvariantCulture)}' must be a number of minutes >= 0");
                options = options with { AllowedViolationMinutes = m };
            }
            var outcome = ChooseService.Choose(new ChooseRequest
            {
                RunDirectory = parse.GetValue(runDir)!, PricesPath = parse.GetValue(prices), Region = parse.GetValue(region), Options = options,
            });
            return Task.FromResult(Print(parse.InvocationConfiguration.Output, outcome));
        });
        return command;
    }

    /// <summary>One line per candidate, the files written and the verdict; returns the exit code.</summary>
    public static int Print(TextWriter o, ChooseOutcome outcome)
    {
        var c = outcome.Choice;
        foreach (var r in c.Candidates)
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Name} ({r.InstanceType}): {r.Status}; {r.SustainableRpsPerInstance:0.#} req/s per instance sustainable, " +
                $"{r.SloViolationMinutes:0.#} SLO-violation minutes, {r.InstanceHours:0.##} instance-hours, ${r.CostUsdPerDay:0.00} a day at ${r.PriceUsdPerInstanceHour:0.####}/h ({r.PriceSource})"));
        foreach (var w in c.Warnings) o.WriteLine($"warning: {w}");
        foreach (var f in outcome.WrittenFiles) o.WriteLine($"wrote {f}");
        o.WriteLine($"choose: {c.Verdict}");
        return c.Winner is null ? ExitCodes.ThresholdFailed : ExitCodes.Ok;
    }
}
