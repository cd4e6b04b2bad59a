using System.CommandLine;
using LoadLab.Core.Scenarios;
using LoadLab.Core.Scenarios.Parameters;

namespace LoadLab.Cli.Infrastructure;

/// <summary>
/// <c>-e NAME=VALUE</c> and <c>--set path=value</c>, defined once for every command that loads a scenario, so a
/// scenario validates the same way it runs (see docs/parameters.md).
/// </summary>
public sealed class ScenarioFlags
{
    public Option<string[]> Variables { get; } = new("--env", "-e")
    {
        Description = "NAME=VALUE for a ${NAME} reference in the scenario (repeatable); wins over the environment variable of that name.",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string[]> Overrides { get; } = new("--set")
    {
        Description = "path=value replacing one scenario field after ${NAME} expansion, e.g. --set load.phases[0].rate=50 (repeatable, applied in order).",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    public IEnumerable<Option> All => [Variables, Overrides];

    public ScenarioInputs Bind(ParseResult parse) =>
        ScenarioInputs.FromFlags(parse.GetValue(Variables) ?? [], parse.GetValue(Overrides) ?? []);

    /// <summary>Loads and validates, or throws with every problem (exit 2 before anything is written).</summary>
    public Scenario Load(ParseResult parse, string path) => ScenarioLoader.Load(path, Bind(parse));
}
