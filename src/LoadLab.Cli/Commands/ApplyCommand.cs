using LoadLab.Choice;
using System.CommandLine;
using System.Runtime.InteropServices;
using LoadLab.Apply;
using LoadLab.Apply.Execution;
using LoadLab.Apply.Planning;
using LoadLab.Core.Json;
using LoadLab.Core.Iac;
using LoadLab.Aws;
using LoadLab.Aws.ScalingConfig;
using LoadLab.Cli.Infrastructure;
using LoadLab.Core.Errors;

namespace LoadLab.Cli.Commands;

/// <summary>
/// <c>loadlab apply &lt;recommendation.json&gt; [--endpoint NAME] [--variant V] [--yes] [--replace] [--out DIR]</c>,
/// <c>loadlab apply --rollback rollback.json [--yes]</c>, <c>loadlab apply &lt;recommendation.json&gt; --emit cli|cloudformation|terraform</c>;
/// <c>--output json</c> and <c>--detailed-exitcode</c> for pipelines.
/// Thin: parse, call <see cref="ApplyService"/>, print its events and result (<see cref="ApplyPrinter"/>), map the outcome to an exit code.
/// </summary>
public static class ApplyCommand
{
    public static Command Create()
    {
        var recommendation = new Argument<string?>("recommendation")
        {
            Description = "recommendation.json written by 'loadlab analyze' (not needed with --rollback).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var endpoint = new Option<string?>("--endpoint") { Description = "Apply to this endpoint instead of the one the recommendation names." };
        var variant = new Option<string?>("--variant") { Description = "Apply to this production variant instead of the recommendation's." };
        var yes = new Option<bool>("--yes", "-y") { Description = "Make the changes. Without it the plan is printed and nothing changes." };
        var replace = new Option<bool>("--replace") { Description = "Also remove scaling policies, scheduled actions and alarms on the variant that are not LoadLab's (names without the 'loadlab-' prefix)." };
        var rollback = new Option<string?>("--rollback") { Description = "Restore the state saved in this rollback.json (with --yes)." };
        var emit = new Option<string?>("--emit") { Description = "Write the change as code instead of applying it: cli, cloudformation or terraform." };
        var outDir = new Option<string?>("--out") { Description = "Directory for the rollback points, rollback.json, applied.json and emitted code (default: next to the input file)." };
        var afterPartial = new Option<bool>("--after-partial-apply")
        {
            Description = "Apply even though the last apply in that directory ended partly applied and was not rolled back " +
                          "(rollback.json keeps pointing at the state before it) (default: refused, exit 2).",
        };

        var format = new Option<string>("--output") { Description = "text or json: the plan and outcome as one JSON document on stdout, the text on stderr.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var detailed = new Option<bool>(DetailedExitCodeFlag)
        {
            Description = "Exit codes as Terraform's: 0 nothing pending (no changes, or applied), 2 changes pending (planned only), 1 any error " +
                          "(bad input, AWS, rolled back, interrupted).",
        };

        var command = new Command("apply", "Plan, and with --yes apply, a recommended scaling policy (or --rollback, or --emit it as code).")
        {
            recommendation, endpoint, variant, yes, replace, rollback, emit, outDir, afterPartial, format, detailed,
        };
        command.SetAction(async (parse, ct) =>
        {
            // Signals are ours: a write in flight must finish and the rollback point be restored, which takes longer
            // than System.CommandLine's 2 s before it kills the process. Set before the first await.
            parse.InvocationConfiguration.ProcessTerminationTimeout = null;
            if (!parse.GetValue(detailed)) return await RunAsync(parse, ct);
            try
            {
                return await RunAsync(parse, ct);
            }
            catch (Exception e)
            {
                ErrorReporter.Report(e, parse.InvocationConfiguration.Error);
                return DetailedExitCodes.Error;
            }
        });
        return command;

        async Task<int> RunAsync(ParseResult parse, CancellationToken ct)
        {
            var json = parse.GetValue(format) == "json";
            var error = parse.InvocationConfiguration.Error;
            // With --output json stdout carries the document alone; the text a person reads goes to stderr.
            var output = json ? error : parse.InvocationConfiguration.Output;
            var recPath = parse.GetValue(recommendation);
            // A run directory with choice.json: the winner's policy, on the winner's variant and instance type.
            var chosen = recPath is not null && ChoiceApplyTargets.IsChoiceDirectory(recPath) ? ChoiceApplyTargets.Resolve(recPath) : null;
            if (chosen is not null)
            {
                output.WriteLine($"choice: {chosen.Candidate} ({chosen.InstanceType}); its policy from {chosen.RecommendationPath}");
                recPath = chosen.RecommendationPath;
            }
            var rollbackPath = parse.GetValue(rollback);
            var emitText = parse.GetValue(emit);
            // --out is a directory (rollback points, applied.json, emitted code): never an existing file.
            OutputDirectory.RefuseFile(parse.GetValue(outDir), "--out");

            var problems = new List<Problem>();
            if (recPath is null == rollbackPath is null)
                problems.Add(Problem.General("apply", "recommendation", "give either a recommendation.json or --rollback rollback.json"));
            IacKind kind = default;
            if (emitText is not null)
            {
                if (!IacEmitter.TryParseKind(emitText, out kind))
                    problems.Add(Problem.General("apply", "--emit", $"'{emitText}' is not one of cli, cloudformation, terraform"));
                if (rollbackPath is not null) problems.Add(Problem.General("apply", "--emit", "cannot be combined with --rollback"));
                if (parse.GetValue(yes)) problems.Add(Problem.General("apply", "--emit", "writes code and applies nothing; drop --yes"));
                if (json || parse.GetValue(detailed))
                    problems.Add(Problem.General("apply", "--emit", $"writes code and plans nothing; drop {(json ? "--output json" : DetailedExitCodeFlag)}"));
            }
            if (rollbackPath is not null && (parse.GetValue(endpoint) is not null || parse.GetValue(variant) is not null || parse.GetValue(replace)))
                problems.Add(Problem.General("apply", "--rollback", "restores exactly the saved target; --endpoint, --variant and --replace do not apply"));
            if (problems.Count > 0) throw new UserInputException(problems);

            if (emitText is not null)
            {
                var written = ApplyService.Emit(new EmitRequest
                {
                    RecommendationPath = recPath!, Kind = kind, Endpoint = parse.GetValue(endpoint), Variant = parse.GetValue(variant), OutDir = parse.GetValue(outDir),
                });
                new ApplyPrinter(output).Emitted(written, kind);
                if (chosen is not null) ChosenEndpointConfig.Write(chosen, kind, parse.GetValue(endpoint), parse.GetValue(variant), Path.GetDirectoryName(written)!, output);
                return ExitCodes.Ok;
            }

            if (chosen is not null)
                output.WriteLine($"the endpoint configuration change to {chosen.InstanceType} is not made by apply: --emit writes it as code to review");
            using var context = GlobalOptions.CreateAwsContext(parse);
            var (result, code) = await ExecuteAsync(context, (service, stop, abandon) => rollbackPath is not null
                ? service.RollbackAsync(new RollbackRequest { RollbackPath = rollbackPath, Yes = parse.GetValue(yes), OutDir = parse.GetValue(outDir) }, stop)
                : service.ApplyAsync(new ApplyRequest
                {
                    RecommendationPath = recPath!,
                    Endpoint = parse.GetValue(endpoint),
                    Variant = parse.GetValue(variant),
                    Yes = parse.GetValue(yes),
                    Replace = parse.GetValue(replace),
                    OutDir = parse.GetValue(outDir),
                    AfterPartialApply = parse.GetValue(afterPartial),
                }, stop, abandon), output, error, ct);
            if (result is null) return parse.GetValue(detailed) ? DetailedExitCodes.Error : code;
            if (json) QuietWriter.Unfiltered(parse.InvocationConfiguration.Output).WriteLine(LoadLabJson.Serialize(PlanDocument.From(result)));
            return parse.GetValue(detailed) ? ApplyPrinter.DetailedExitCode(result) : code;
        }
    }

    /// <summary>
    /// An apply or a rollback (<paramref name="call"/>) as the command runs it, for `apply` and for `demo`: a signal
    /// finishes the write in flight and restores the state before it, a second one abandons that restore; the events
    /// and the outcome are printed to <paramref name="output"/>. Null result when a signal came before the first write.
    /// </summary>
    internal static async Task<(ApplyResult? Result, int ExitCode)> ExecuteAsync(Aws.AwsContext context,
        Func<ApplyService, CancellationToken, CancellationToken, Task<ApplyResult>> call, TextWriter output, TextWriter error, CancellationToken ct)
    {
        using var interruption = new ApplyInterruption(TimeProvider.System);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct, interruption.Stop);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => OnSignal(c, interruption, error));
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => OnSignal(c, interruption, error));
        var printer = new ApplyPrinter(output, UseColor(output));
        var service = new ApplyService(AwsScalingConfigStore.From(context), TimeProvider.System, printer);
        try
        {
            var result = await call(service, stop.Token, interruption.Abandon);
            printer.Finished(result);
            return (result, ApplyPrinter.ExitCode(result));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            error.WriteLine("interrupted before the first write: nothing was changed");
            return (null, ExitCodes.Interrupted);
        }
    }

    public const string DetailedExitCodeFlag = "--detailed-exitcode";

    /// <summary>A command line that does not parse: with --detailed-exitcode, 2 would read as "changes pending".</summary>
    public static int ParseErrorExitCode(ParseResult parse) =>
        parse.CommandResult.Command.Name == "apply" && parse.Tokens.Any(t => t.Value == DetailedExitCodeFlag)
            ? DetailedExitCodes.Error
            : ExitCodes.BadInput;

    private static void OnSignal(PosixSignalContext context, ApplyInterruption interruption, TextWriter error)
    {
        context.Cancel = true;
        var window = interruption.Window.TotalSeconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture);
        error.WriteLine(interruption.Signal() switch
        {
            SignalEffect.Stopping => $"{context.Signal}: finishing the write in flight, then restoring the state before this apply (signal again within {window} s to abandon the restore)",
            SignalEffect.Reminded => $"{context.Signal}: still restoring; signal again within {window} s to abandon the restore",
            _ => $"{context.Signal}: abandoning the restore after the write in flight",
        });
    }

    /// <summary>Colours only on a real terminal: not when redirected, captured, NO_COLOR is set, or TERM=dumb.</summary>
    private static bool UseColor(TextWriter output) =>
        ReferenceEquals(Core.Text.TerminalSafeWriter.Unwrap(output), Console.Out) && !Console.IsOutputRedirected
        && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))
        && Environment.GetEnvironmentVariable("TERM") is not "dumb";
}
