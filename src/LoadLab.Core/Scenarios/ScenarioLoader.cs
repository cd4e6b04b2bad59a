using System.Text;
using LoadLab.Core.Errors;
using LoadLab.Core.Scenarios.Loading;
using LoadLab.Core.Scenarios.Parameters;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LoadLab.Core.Scenarios;

public enum ScenarioFormat
{
    /// <summary>JSON for <c>.json</c> files, YAML otherwise.</summary>
    Auto,
    Yaml,
    Json,
}

/// <summary>The outcome of validating a scenario: the scenario when it is valid, else every problem found.</summary>
public sealed record ScenarioValidation(Scenario? Scenario, IReadOnlyList<Problem> Problems)
{
    public bool IsValid => Scenario is not null && Problems.Count == 0;

    /// <summary>The scenario, or <see cref="UserInputException"/> with every problem.</summary>
    public Scenario GetOrThrow() => IsValid ? Scenario! : throw new UserInputException(Problems);
}

/// <summary>
/// Loads scenario files (YAML, or JSON) into validated, immutable <see cref="Scenario"/> records.
/// <para>Every problem is reported at once with file, line, column and field path
/// (<c>scenarios/x.yaml:12:7: load.phases[2].step: must be &gt; 0</c>): malformed YAML/JSON, unknown fields (with the
/// nearest known name), wrong types, missing fields, out-of-range values, contradictory phase settings, and payload or
/// replay files that are missing, unreadable or malformed. Those files are read once, here: the scenario carries the
/// payload bodies and replay traces, and their absolute paths.</para>
/// </summary>
public static class ScenarioLoader
{
    /// <summary>Loads and validates a file, or throws <see cref="UserInputException"/> listing every problem.</summary>
    public static Scenario Load(string path) => Validate(path).GetOrThrow();

    /// <summary>Loads a file with <c>${NAME}</c> values and <c>--set</c> overrides, or throws listing every problem.</summary>
    public static Scenario Load(string path, ScenarioInputs inputs) => Validate(path, inputs).GetOrThrow();

    /// <inheritdoc cref="Validate(string, ScenarioInputs, ScenarioFormat)"/>
    public static ScenarioValidation Validate(string path, ScenarioFormat format = ScenarioFormat.Auto) =>
        Validate(path, ScenarioInputs.None, format);

    /// <summary>
    /// Loads and validates a file without throwing for bad input. Messages name the file as
    /// <paramref name="path"/> was given (relative paths stay relative, as the user typed them).
    /// </summary>
    public static ScenarioValidation Validate(string path, ScenarioInputs inputs, ScenarioFormat format = ScenarioFormat.Auto)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            if (Directory.Exists(path)) return Fail(path, "is a folder, not a scenario file");
            var bytes = File.ReadAllBytes(path);
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Fail(path, "file not found");
        }
        catch (DecoderFallbackException)
        {
            return Fail(path, "is not UTF-8 text");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(path, $"cannot read the file: {e.Message}");
        }
        var full = Path.GetFullPath(path);
        return Parse(text, path, Path.GetDirectoryName(full)!, Resolve(format, path), sourcePath: full, inputs);
    }

    /// <summary>
    /// Validates scenario text. <paramref name="displayPath"/> names the file in messages; relative payload and replay
    /// paths resolve against <paramref name="baseDirectory"/> (default: the current directory). <paramref name="inputs"/>
    /// expands <c>${NAME}</c> references, then applies <c>--set</c> overrides, before the values are validated.
    /// </summary>
    public static ScenarioValidation Parse(string text, string displayPath, string? baseDirectory = null,
        ScenarioFormat format = ScenarioFormat.Auto, string? sourcePath = null, ScenarioInputs? inputs = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(displayPath);
        var sink = new ProblemSink(displayPath);
        text = text.TrimStart('\uFEFF');
        format = Resolve(format, displayPath);

        if (format == ScenarioFormat.Json)
        {
            if (JsonSyntax.Check(Encoding.UTF8.GetBytes(text), displayPath, "") is { } bad) return new(null, [bad]);
            // Valid JSON is YAML flow syntax, except that YAML refuses tabs where JSON allows them; outside strings
            // (where JSON forbids raw tabs) every tab is whitespace, so spaces keep every line and column the same.
            text = text.Replace('\t', ' ');
        }

        var root = ParseYaml(text, sink, format);
        if (root is null) return new(null, sink.Items);
        inputs ??= ScenarioInputs.None;
        var expanded = VariableExpander.Expand(root, sink, inputs.Lookup);
        var badOverrides = OverrideApplier.Apply(root, inputs.Overrides);
        if (!expanded || badOverrides.Count > 0) return new(null, [.. Ordered(sink.Items, displayPath), .. badOverrides]);

        var reader = new ScenarioReader(sink, baseDirectory ?? Directory.GetCurrentDirectory(),
            Path.GetDirectoryName(displayPath) ?? "");
        var scenario = reader.Read(root, sourcePath ?? Path.GetFullPath(displayPath),
            Path.GetFileNameWithoutExtension(displayPath));
        if (scenario is null && sink.Items.Count == 0)
            // Safety net: every path that rejects a scenario records why; if one ever does not, say so instead of
            // returning "invalid" with nothing to show.
            sink.Items.Add(new Problem(displayPath, 1, 1, "", IncompleteMessage));
        return sink.Items.Count > 0 ? new(null, Ordered(sink.Items, displayPath).Select(p => NameOverride(p, displayPath, inputs)).ToList()) : new(scenario, []);
    }

    /// <summary>A problem with a value that <c>--set</c> gave names the flag, not the line of the file it replaced.</summary>
    private static Problem NameOverride(Problem problem, string scenarioFile, ScenarioInputs inputs)
    {
        if (problem.File != scenarioFile) return problem;
        var flag = inputs.Overrides.LastOrDefault(o => o.Path == problem.Field);
        return flag is null ? problem : Problem.General(flag.Flag, problem.Field, problem.Message);
    }

    /// <summary>Problems in the scenario file in reading order; problems inside payload or trace files after them.</summary>
    private static List<Problem> Ordered(List<Problem> problems, string scenarioFile) =>
        problems.Select((p, i) => (p, i))
            .OrderBy(x => x.p.File == scenarioFile ? 0 : 1)
            .ThenBy(x => x.p.File == scenarioFile ? x.p.Line : 0)
            .ThenBy(x => x.p.File == scenarioFile ? x.p.Column : 0)
            .ThenBy(x => x.i)
            .Select(x => x.p)
            .ToList();

    internal const string IncompleteMessage = "the scenario is incomplete (a field has no usable value)";

    private static YamlNode? ParseYaml(string text, ProblemSink sink, ScenarioFormat format)
    {
        var what = format == ScenarioFormat.Json ? "malformed JSON" : "malformed YAML";
        var scanner = new Scanner(new StringReader(text));
        var stream = new YamlStream();
        try
        {
            stream.Load(new Parser(scanner));
        }
        catch (YamlException e)
        {
            var message = e.Message;
            var at = e.Start;
            if (message.StartsWith("Duplicate key ", StringComparison.Ordinal))
                message = $"field '{message["Duplicate key ".Length..]}' is given twice";
            else if (message.Contains("tab", StringComparison.OrdinalIgnoreCase) && FirstTabIndent(text) is { } tab)
            {
                message = "tabs cannot indent YAML; use spaces";
                sink.Items.Add(new Problem(sink.File, tab.Line, tab.Column, "", $"{what}: {message}"));
                return null;
            }
            else message = LowerFirst(message);
            sink.Add(at, "", $"{what}: {message}");
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException)
        {
            // YamlDotNet throws these (instead of YamlException) for some broken flow collections, e.g. an unclosed '['.
            var failedAt = scanner.CurrentPosition;
            if (UnclosedBracket(text, (int)failedAt.Index) is { } open)
                sink.Items.Add(new Problem(sink.File, open.Line, open.Column, "",
                    $"{what}: '{open.Bracket}' is not closed (expected '{(open.Bracket == '{' ? '}' : ']')}' before line {failedAt.Line})"));
            else sink.Add(failedAt, "", $"{what}: unexpected text here");
            return null;
        }
        if (stream.Documents.Count == 0)
        {
            sink.Items.Add(new Problem(sink.File, 1, 1, "", "the file is empty (a scenario needs at least target and load)"));
            return null;
        }
        if (stream.Documents.Count > 1)
        {
            sink.Add(stream.Documents[1].RootNode, "", $"the file holds {stream.Documents.Count} YAML documents; a scenario is one document (remove '---')");
            return null;
        }
        var root = stream.Documents[0].RootNode;
        if (YamlFields.IsNull(root))
        {
            sink.Items.Add(new Problem(sink.File, 1, 1, "", "the file is empty (a scenario needs at least target and load)"));
            return null;
        }
        return root;
    }

    /// <summary>The last '[' or '{' still open at <paramref name="end"/>, skipping quoted text and comments.</summary>
    private static (char Bracket, int Line, int Column)? UnclosedBracket(string text, int end)
    {
        var stack = new Stack<(char, int, int)>();
        int line = 1, column = 0;
        char quote = '\0';
        var comment = false;
        for (var i = 0; i < Math.Min(end, text.Length); i++)
        {
            var c = text[i];
            column++;
            if (c == '\n')
            {
                line++;
                column = 0;
                comment = false;
                continue;
            }
            if (comment) continue;
            if (quote != '\0')
            {
                if (c == '\\' && quote == '"') { i++; column++; }
                else if (c == quote) quote = '\0';
                continue;
            }
            switch (c)
            {
                case '"' or '\'' when i == 0 || " \t[{,:".Contains(text[i - 1]): quote = c; break;
                case '#' when i == 0 || char.IsWhiteSpace(text[i - 1]): comment = true; break;
                case '[' or '{': stack.Push((c, line, column)); break;
                case ']' or '}' when stack.Count > 0: stack.Pop(); break;
            }
        }
        return stack.Count > 0 ? stack.Peek() : null;
    }

    private static (int Line, int Column)? FirstTabIndent(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var indent = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
            var tab = lines[i].IndexOf('\t');
            if (tab >= 0 && tab < indent) return (i + 1, tab + 1);
        }
        return null;
    }

    private static string LowerFirst(string s) =>
        s.Length > 1 && char.IsUpper(s[0]) && char.IsLower(s[1]) ? char.ToLowerInvariant(s[0]) + s[1..] : s;

    private static ScenarioFormat Resolve(ScenarioFormat format, string path) =>
        format != ScenarioFormat.Auto ? format
        : Path.GetExtension(path).Equals(".json", StringComparison.OrdinalIgnoreCase) ? ScenarioFormat.Json
        : ScenarioFormat.Yaml;

    private static ScenarioValidation Fail(string path, string message) => new(null, [Problem.General(path, "", message)]);
}
