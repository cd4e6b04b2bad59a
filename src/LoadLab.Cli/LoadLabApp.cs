using System.CommandLine;
using LoadLab.Cli.Commands;
using LoadLab.Cli.Infrastructure;
using LoadLab.Core.Errors;
using LoadLab.Core.Text;

namespace LoadLab.Cli;

/// <summary>The composition root: builds the command tree and maps failures to exit codes.</summary>
public static class LoadLabApp
{
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("LoadLab: load-test SageMaker real-time endpoints and recommend their autoscaling policy.");
        foreach (var command in new[]
                 {
                     DemoCommand.Create(), RunCommand.Create(), ValidateCommand.Create(),
                     CollectCommand.Create(), AnalyzeCommand.Create(), SimulateCommand.Create(), ReportCommand.Create(),
                     ApplyCommand.Create(), SimEndpointCommand.Create(), MergeCommand.Create(), K8sJobCommand.Create(),
                     VerifyCommand.Create(), CompareCommand.Create(), TrendCommand.Create(), ChooseCommand.Create(),
                 })
        {
            GlobalOptions.AddTo(command);
            root.Subcommands.Add(command);
        }
        return root;
    }

    /// <param name="helpHint">After a parse error, point at --help (a user typed it; an in-process stage did not).</param>
    public static async Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null,
        CancellationToken ct = default, bool helpHint = true)
    {
        // Everything printed may carry strings from run files: no control sequence or bidi override reaches the terminal raw.
        var output = TerminalSafeWriter.Wrap(stdout ?? Console.Out);
        var error = TerminalSafeWriter.Wrap(stderr ?? Console.Error);
        var parse = BuildRoot().Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors) error.WriteLine($"error: {ParseErrorText.Describe(e.Message)}");
            if (helpHint) error.WriteLine("Run 'loadlab --help' for usage.");
            return ApplyCommand.ParseErrorExitCode(parse);
        }
        try
        {
            var code = await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, ct);
            ExitCodeTable.WriteAfterHelp(parse, output);
            return code;
        }
        catch (Exception ex)
        {
            return ErrorReporter.Report(ex, error);
        }
    }
}
