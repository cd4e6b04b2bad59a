using System.CommandLine;

namespace LoadLab.Cli.Infrastructure;

/// <summary>
/// Runs a loadlab command in this process exactly as if it had been typed, so composite commands (the pipeline,
/// the demo) are made of the user-facing commands rather than of a second copy of them.
/// </summary>
public static class InProcessCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var parse = LoadLabApp.BuildRoot().Parse(args.ToArray());
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors) stderr.WriteLine($"error: {e.Message}");
            return Core.Errors.ExitCodes.BadInput;
        }
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false }, ct);
        }
        catch (Exception ex)
        {
            return ErrorReporter.Report(ex, stderr);
        }
    }
}
