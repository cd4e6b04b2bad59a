using System.CommandLine;
using LoadLab.Compare.Exporters;
using LoadLab.Compare.Trend;
using LoadLab.Core.Errors;

namespace LoadLab.Cli.Commands;

/// <summary>
/// <c>loadlab trend &lt;reports-dir&gt; [--scenario NAME]</c>: the sustainable load, the SLO percentile at the
/// recommended target and the cost across the runs of a scenario, as trend.html (charts), trend.md and trend.json.
/// Exit 0, or 2 for bad input (no such directory, no run of the scenario).
/// </summary>
public static class TrendCommand
{
    public static Command Create()
    {
        var reports = new Argument<string>("reports-dir") { Description = "The folder holding run directories (e.g. reports/)." };
        var scenario = new Option<string?>("--scenario") { Description = "Only this scenario's runs (default: every scenario found, each in its own section)." };
        var format = new Option<string?>("--format") { Description = "Comma-separated outputs: html (trend.html), md (trend.md), json (trend.json) (default: all)." };
        var outDir = new Option<string?>("--out") { Description = "Directory for the trend files (default: the reports directory)." };
        var command = new Command("trend",
            "Plot the sustainable load, the SLO percentile at the recommended target and the cost across runs of one scenario.")
        {
            reports, scenario, format, outDir,
        };
        command.SetAction((parse, _) =>
        {
            var formats = CompareFormatsParser.Parse(parse.GetValue(format));
            if (formats.HasFlag(CompareFormats.Junit) && formats != CompareFormats.All)
                throw new UserInputException("--format", "junit", "trend has no JUnit output (expected html, md, json)");
            var outcome = TrendService.Write(new TrendRequest
            {
                ReportsDirectory = parse.GetValue(reports)!, Scenario = parse.GetValue(scenario), OutputDirectory = parse.GetValue(outDir), Formats = formats,
            });
            var o = parse.InvocationConfiguration.Output;
            foreach (var s in outcome.Result.Scenarios) o.WriteLine($"{s.Scenario}: {s.Runs.Count} run(s)");
            foreach (var s in outcome.Result.Skipped) o.WriteLine($"skipped {s}");
            foreach (var f in outcome.WrittenFiles) o.WriteLine($"wrote {f}");
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }
}
