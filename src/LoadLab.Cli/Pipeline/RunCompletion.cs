using LoadLab.Core.Errors;
using LoadLab.Core.RunFiles;

namespace LoadLab.Cli.Pipeline;

/// <summary>How a run ended, as its run.json says, and what that means for the stages that read it.</summary>
public static class RunCompletion
{
    /// <summary>Ctrl-C or SIGTERM stopped the load (an older run.json without a cause counts the same).</summary>
    public static bool WasInterrupted(RunInfo? run) =>
        run is { Interrupted: true, StoppedBy: null or RunStopCause.Signal } || ProvisionalRun.Is(run);

    /// <summary>
    /// A later stage never reads a provisional run.json as a finished run: it has no totals, no thresholds and no
    /// steps.csv, so "no thresholds, passed" would be a lie.
    /// </summary>
    /// <exception cref="UserInputException">run.json is provisional.</exception>
    public static void RefuseProvisional(RunDirectory dir) => ProvisionalRun.Refuse(dir.RunJson, RunJson.TryReadRun(dir.RunJson));

    /// <summary>
    /// A stage that worked on an interrupted run says so and exits <see cref="ExitCodes.Interrupted"/>, so a pipeline
    /// never takes an interrupted run for a passed one; worse codes (bad input, a failed target) stand.
    /// </summary>
    public static int ForInterruptedRun(int code, RunDirectory dir, TextWriter output)
    {
        if (code is not (ExitCodes.Ok or ExitCodes.ThresholdFailed)) return code;
        var run = RunJson.TryReadRun(dir.RunJson);
        if (!WasInterrupted(run)) return code;
        output.WriteLine($"interrupted run: {run!.InterruptReason ?? "stopped before the end of its schedule"}; these results cover only what was measured (exit {ExitCodes.Interrupted})");
        return ExitCodes.Interrupted;
    }
}
