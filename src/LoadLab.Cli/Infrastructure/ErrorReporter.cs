using LoadLab.Core.Errors;

namespace LoadLab.Cli.Infrastructure;

/// <summary>Turns exceptions into messages and exit codes; stack traces only for real bugs.</summary>
public static class ErrorReporter
{
    public static int Report(Exception ex, TextWriter error)
    {
        switch (ex)
        {
            case UserInputException u:
                foreach (var p in u.Problems) error.WriteLine($"error: {p}");
                return ExitCodes.BadInput;
            case TargetFailedException t:
                error.WriteLine($"error: {t.Message}");
                return ExitCodes.TargetOrAwsFailed;
            case OperationCanceledException:
                error.WriteLine("cancelled");
                return ExitCodes.TargetOrAwsFailed;
            default:
                if (AwsErrorBridge.TryDescribe(ex, out var message))
                {
                    error.WriteLine($"error: {message}");
                    return ExitCodes.TargetOrAwsFailed;
                }
                error.WriteLine($"internal error (a bug in LoadLab, please report it): {ex}");
                return 70;
        }
    }
}
