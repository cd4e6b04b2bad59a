using System.CommandLine;
using LoadLab.Compare;
using LoadLab.Compare.Loading;
using LoadLab.Core.Errors;
using LoadLab.Core.RunFiles;

namespace LoadLab.Cli.Commands;

/// <summary>
/// <c>run --baseline DIR</c>: the baseline is read and checked before any load (a missing directory or a baseline of
/// another scenario exits 2 having sent nothing), and the run is compared with it once the pipeline is done.
/// </summary>
public sealed class RunBaseline
{
    private readonly Option<string?> _baseline = new("--baseline")
    { Description = "A baseline run directory: compare this run with it at the end (compare.html, .md, .json, .junit.xml); exit 1 on a regression." };
    private readonly CompareCliOptions _options = new(onRun: true);

    public void AddTo(Command command)
    {
        command.Options.Add(_baseline);
        _options.AddTo(command);
    }

    /// <summary>Before the load: null without --baseline; else the baseline checked against the scenario and the typed options.</summary>
    public Checked? Check(ParseResult parse, string scenarioName)
    {
        if (parse.GetValue(_baseline) is not { } dir) return null;
        var request = _options.Read(parse, dir, runDir: "");
        var snapshot = RunSnapshotReader.Read(dir, "baseline");
        if (!string.Equals(snapshot.Info.ScenarioName, scenarioName, StringComparison.Ordinal))
            throw new UserInputException(new RunDirectory(dir).RunJson, "scenario_name",
                $"the baseline is a run of scenario '{snapshot.Info.ScenarioName}', this run is of '{scenarioName}': compare runs of one scenario");
        return new Checked(request);
    }

    /// <summary>The comparison, typed: made before the load, run after it.</summary>
    public sealed record Checked(CompareRequest Request)
    {
        /// <summary>Compares the finished run with the baseline, prints the verdict; returns compare's exit code (2 when the ladders differ).</summary>
        public int Compare(string runDirectory, TextWriter output, TextWriter error)
        {
            output.WriteLine("── compare ──");
            try
            {
                return CompareCommand.Print(output, CompareService.Compare(Request with { RunDirectory = runDirectory }));
            }
            catch (UserInputException e)
            {
                foreach (var p in e.Problems) error.WriteLine($"error: compare: {p}");
                return ExitCodes.BadInput;
            }
        }
    }
}
