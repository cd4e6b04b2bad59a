using LoadLab.Core.Errors;

namespace LoadLab.Cli.Pipeline;

/// <summary>Which exit code a composite command returns when its stages return several.</summary>
public static class ExitCodeOrder
{
    /// <summary>A failed target or AWS call (3) outranks bad input (2), which outranks an interrupted run (4), which outranks a failed threshold (1).</summary>
    public static int Worse(int a, int b) => Rank(b) > Rank(a) ? b : a;

    private static int Rank(int code) => code switch
    {
        ExitCodes.Ok => 0,
        ExitCodes.ThresholdFailed => 1,
        ExitCodes.Interrupted => 2,
        ExitCodes.BadInput => 3,
        ExitCodes.TargetOrAwsFailed => 4,
        _ => 5,
    };
}
