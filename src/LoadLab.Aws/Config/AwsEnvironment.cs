namespace LoadLab.Aws.Config;

/// <summary>Reads environment variables; injectable so resolution rules are testable without touching the process.</summary>
public sealed class AwsEnvironment(Func<string, string?> lookup)
{
    public static AwsEnvironment Process { get; } = new(Environment.GetEnvironmentVariable);

    public static AwsEnvironment From(IReadOnlyDictionary<string, string> values) =>
        new(name => values.TryGetValue(name, out var v) ? v : null);

    /// <summary>The value, or null when unset or blank.</summary>
    public string? Get(string name) => lookup(name) is { } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
}
