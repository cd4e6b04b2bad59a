using LoadLab.Core.Errors;

namespace LoadLab.Core.Scenarios.Parameters;

/// <summary>
/// What a command line adds to a scenario file: values for its <c>${NAME}</c> references (<c>-e NAME=VALUE</c>, then
/// the environment) and <c>--set path=value</c> overrides, applied in the order given.
/// </summary>
public sealed record ScenarioInputs
{
    /// <summary>No variables beyond the environment, no overrides.</summary>
    public static ScenarioInputs None { get; } = new();

    /// <summary><c>-e NAME=VALUE</c> values; they win over the environment, as in k6.</summary>
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Looks a variable up in the environment (injected so tests do not depend on the process's).</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    public IReadOnlyList<ScenarioOverride> Overrides { get; init; } = [];

    /// <summary>The value of a variable: <c>-e</c> first, then the environment; null when unset.</summary>
    public string? Lookup(string name) => Variables.TryGetValue(name, out var value) ? value : Environment(name);

    /// <summary>
    /// Builds inputs from the flags as typed (<c>-e NAME=VALUE</c>, <c>--set path=value</c>), or throws
    /// <see cref="UserInputException"/> naming every flag that cannot be read.
    /// </summary>
    public static ScenarioInputs FromFlags(IEnumerable<string> variables, IEnumerable<string> overrides)
    {
        var problems = new List<Problem>();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var text in variables)
        {
            var eq = text.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? text : text[..eq];
            if (eq < 0)
                problems.Add(Problem.General($"-e {text}", "", "expected NAME=VALUE (e.g. -e ENDPOINT=my-endpoint)"));
            else if (!VariableText.IsName(name))
                problems.Add(Problem.General($"-e {text}", "", $"'{name}' is not a variable name (letters, digits and '_', not starting with a digit)"));
            else values[name] = text[(eq + 1)..];
        }
        var sets = new List<ScenarioOverride>();
        foreach (var text in overrides)
        {
            if (ScenarioOverride.TryParse(text, out var parsed, out var error)) sets.Add(parsed!);
            else problems.Add(Problem.General($"--set {text}", "", error!));
        }
        if (problems.Count > 0) throw new UserInputException(problems);
        return new ScenarioInputs { Variables = values, Overrides = sets };
    }
}

/// <summary>One <c>--set path=value</c>: a field path as the scenario's messages name it (<c>load.phases[0].rate</c>).</summary>
public sealed record ScenarioOverride(string Path, string Value)
{
    /// <summary>How the flag names itself in messages.</summary>
    public string Flag => $"--set {Path}={Value}";

    public static bool TryParse(string text, out ScenarioOverride? result, out string? error)
    {
        result = null;
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
        {
            error = "expected path=value, e.g. --set load.phases[0].rate=50";
            return false;
        }
        result = new ScenarioOverride(text[..eq].Trim(), text[(eq + 1)..]);
        error = null;
        return true;
    }
}
