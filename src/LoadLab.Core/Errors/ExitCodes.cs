namespace LoadLab.Core.Errors;

/// <summary>Process exit codes, as in DESIGN.md, plus <see cref="Interrupted"/> (docs/exit-codes.md lists them all).</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int ThresholdFailed = 1;
    public const int BadInput = 2;
    public const int TargetOrAwsFailed = 3;
    /// <summary>Ctrl-C or SIGTERM stopped the run; what was measured is written and marked interrupted.</summary>
    public const int Interrupted = 4;
}
