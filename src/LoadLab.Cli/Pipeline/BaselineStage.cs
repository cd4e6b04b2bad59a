using LoadLab.Cli.Commands;
using LoadLab.Cli.Infrastructure;
using LoadLab.Compare;
using LoadLab.Core.Errors;

namespace LoadLab.Cli.Pipeline;

/// <summary>
/// The comparison with a baseline as a stage: checked before any load (<see cref="RunBaseline"/>), run after the
/// analysis and before the report, so compare.json is in the run directory when the report reads it.
/// </summary>
public sealed record BaselineStage(CompareRequest Request)
{
    /// <summary>Compares the run with the baseline, prints the verdict; returns compare's exit code (2 when the ladders differ).</summary>
    public int Run(string runDirectory, TextWriter output, TextWriter error)
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
