using System.CommandLine;
using LoadLab.Cli.Pipeline;
using LoadLab.Compare.Loading;
using LoadLab.Core.Errors;
using LoadLab.Core.RunFiles;

namespace LoadLab.Cli.Commands;

/// <summary>
/// <c>run --baseline DIR</c>: the baseline is read and checked before any load (a missing directory or a baseline of
/// another scenario exits 2 having sent nothing), and the run is compared with it after the analysis and before the
/// report, which shows the comparison (<see cref="BaselineStage"/>).
/// </summary>
public sealed class RunBaseline
{
    private readonly Option<string?> _baseline = new("--baseline")
    { Description = "A baseline run directory (same scenario): compare this run with it before the report, which shows the comparison (compare.html, .md, .json, .junit.xml); exit 1 on a regression." };
    private readonly CompareCliOptions _options = new(onRun: true);

    public void AddTo(Command command)
    {
        command.Options.Add(_baseline);
        _options.AddTo(command);
    }

    /// <summary>Before the load: null without --baseline; else the baseline checked against the scenario and the typed options.</summary>
    public BaselineStage? Check(ParseResult parse, string scenarioName)
    {
        if (parse.GetValue(_baseline) is not { } dir) return null;
        var request = _options.Read(parse, dir, runDir: "");
        var snapshot = RunSnapshotReader.Read(dir, "baseline");
        if (!string.Equals(snapshot.Info.ScenarioName, scenarioName, StringComparison.Ordinal))
            throw new UserInputException(new RunDirectory(dir).RunJson, "scenario_name",
                $"the baseline is a run of scenario '{snapshot.Info.ScenarioName}', this run is of '{scenarioName}': compare runs of one scenario");
        return new BaselineStage(request);
    }
}
