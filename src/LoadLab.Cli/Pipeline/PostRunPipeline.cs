using System.CommandLine;
using LoadLab.Core.Errors;

namespace LoadLab.Cli.Pipeline;

/// <summary>
/// What follows a load run: collect, analyze, simulate, report. Each stage reads and writes files in the run
/// directory, so a failed stage is reported and the ones that can still run do.
/// </summary>
public static class PostRunPipeline
{
    public static Task<int> RunAsync(string runDir, ParseResult parse, CancellationToken ct)
    {
        // Wired stage by stage as the stages land.
        _ = runDir; _ = parse; _ = ct;
        return Task.FromResult(ExitCodes.Ok);
    }
}
