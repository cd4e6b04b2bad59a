namespace LoadLab.Core.Errors;

/// <summary>Bad input from the user (exit 2). Carries every problem found, not just the first.</summary>
public sealed class UserInputException : Exception
{
    public IReadOnlyList<Problem> Problems { get; }

    public UserInputException(IReadOnlyList<Problem> problems)
        : base(string.Join(Environment.NewLine, problems.Select(p => p.ToString())))
        => Problems = problems;

    public UserInputException(string source, string field, string message)
        : this([Problem.General(source, field, message)]) { }
}

/// <summary>The target or AWS failed in a way that ends the command (exit 3).</summary>
public class TargetFailedException(string message, Exception? inner = null) : Exception(message, inner);
