using System.CommandLine;
using LoadLab.Cli.Infrastructure;
using LoadLab.Core.Errors;
using LoadLab.Core.Scenarios;

namespace LoadLab.Cli.Commands;

/// <summary>
/// <c>loadlab validate &lt;scenario&gt;...</c>: loads each file exactly as a run would (payload and replay files included)
/// (with the same <c>-e</c> and <c>--set</c>) and prints <c>ok  file  (summary)</c> or every located problem. Exit 0 when all
/// are valid, 2 otherwise.
/// </summary>
public static class ValidateCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("scenario")
        {
            Description = "Scenario files (YAML or JSON). Patterns like scenarios/*.yaml are expanded when the shell did not.",
            Arity = ArgumentArity.OneOrMore,
        };
        var scenarioFlags = new ScenarioFlags();
        var command = new Command("validate", "Check scenario files and exit (2 when any problem is found).") { files };
        foreach (var option in scenarioFlags.All) command.Options.Add(option);
        command.SetAction((parse, _) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var failed = 0;
            var inputs = scenarioFlags.Bind(parse);
            var paths = parse.GetValue(files)!.SelectMany(Expand).ToList();
            foreach (var path in paths)
            {
                var result = ScenarioLoader.Validate(path, inputs);
                if (result.IsValid)
                {
                    output.WriteLine($"ok  {path}  ({ScenarioSummary.Of(result.Scenario!)})");
                    continue;
                }
                failed++;
                foreach (var problem in result.Problems) error.WriteLine(problem);
            }
            if (failed > 0)
                error.WriteLine($"{failed} of {paths.Count} scenario file{(paths.Count == 1 ? "" : "s")} failed validation");
            return Task.FromResult(failed > 0 ? ExitCodes.BadInput : ExitCodes.Ok);
        });
        return command;
    }

    /// <summary>Expands a wildcard in the file name (shells on Windows pass it through); other paths are kept as given.</summary>
    private static IEnumerable<string> Expand(string path)
    {
        var name = Path.GetFileName(path);
        if (name.IndexOfAny(['*', '?']) < 0 || File.Exists(path)) return [path];
        var dir = Path.GetDirectoryName(path);
        var folder = string.IsNullOrEmpty(dir) ? "." : dir;
        if (!Directory.Exists(folder)) return [path];
        var matches = Directory.GetFiles(folder, name).Order(StringComparer.Ordinal)
            .Select(f => string.IsNullOrEmpty(dir) ? Path.GetFileName(f) : Path.Combine(dir, Path.GetFileName(f)))
            .ToList();
        return matches.Count > 0 ? matches : [path];
    }
}
