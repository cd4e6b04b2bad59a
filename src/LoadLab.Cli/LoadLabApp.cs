using System.CommandLine;
using LoadLab.Cli.Commands;
using LoadLab.Cli.Infrastructure;
using System.CommandLine.Help;
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
                     VerifyCommand.Create(), ProbeStartupCommand.Create(), CompareCommand.Create(), TrendCommand.Create(), ChooseCommand.Create(),
                 })
        {
            GlobalOptions.AddTo(command);
            VerbosityOptions.AddTo(command);
            root.Subcommands.Add(command);
        }
        return root;
    }

    private static string ReportingVersion => LoadLab.Reporting.Model.ReportModelBuilder.ToolVersion;

    public static async Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null, CancellationToken ct = default)
    {
        // Everything printed may carry strings from run files: no control sequence or bidi override reaches the terminal raw.
        var output = TerminalSafeWriter.Wrap(stdout ?? Console.Out);
        var error = TerminalSafeWriter.Wrap(stderr ?? Console.Error);
        var parse = BuildRoot().Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors) error.WriteLine($"error: {ParseErrorText.Describe(e.Message)}");
            error.WriteLine("Run 'loadlab --help' for usage.");
            return ApplyCommand.ParseErrorExitCode(parse);
        }
        if (parse.Action is HelpAction)
        {
            // Help is rendered whole, then its defaults are written one way: System.CommandLine's "[default: X]" as "(default: X)".
            var help = new StringWriter();
            var helpCode = await parse.InvokeAsync(new InvocationConfiguration { Output = help, Error = error }, ct);
            output.Write(HelpDefaults.Normalize(help.ToString()));
            ExitCodeTable.WriteAfterHelp(parse, output);
            return helpCode;
        }
        var verbosity = Verbosities.Of(parse);
        if (verbosity == Verbosity.Quiet && parse.GetValue(VerbosityOptions.Verbose))
        {
            error.WriteLine("error: --quiet and --verbose: choose one");
            return ExitCodes.BadInput;
        }
        TextWriter commandOutput = verbosity == Verbosity.Quiet ? new QuietWriter(output) : output;
        var command = parse.CommandResult.Command.Name;
        if (verbosity == Verbosity.Verbose) error.WriteLine($"loadlab {ReportingVersion} {command}");
        int exit;
        try
        {
            exit = await parse.InvokeAsync(new InvocationConfiguration { Output = commandOutput, Error = error, EnableDefaultExceptionHandler = false }, ct);
        }
        catch (Exception ex)
        {
            exit = ErrorReporter.Report(ex, error);
        }
        if (verbosity == Verbosity.Verbose) error.WriteLine($"loadlab {command}: exit {exit}");
        return exit;
    }
}
