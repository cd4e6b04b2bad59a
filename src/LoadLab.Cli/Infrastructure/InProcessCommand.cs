namespace LoadLab.Cli.Infrastructure;

/// <summary>
/// Runs a loadlab command in this process exactly as if it had been typed, so composite commands (the pipeline,
/// the demo) are made of the user-facing commands rather than of a second copy of them.
/// </summary>
public static class InProcessCommand
{
    public static Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken ct) =>
        LoadLabApp.RunAsync([.. args], stdout, stderr, ct, helpHint: false);
}
