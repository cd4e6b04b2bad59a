using System.Text.RegularExpressions;
using LoadLab.Core.Errors;
using LoadLab.Core.Scenarios.Parameters;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LoadLab.Core.Scenarios.Loading;

/// <summary>
/// Applies <c>--set path=value</c> to a parsed scenario before the reader sees it: the path is checked against the
/// field catalogue (sections, the phase's shape), the value replaces the file's or is added, and the reader then
/// validates it like any other value. Sections the file leaves out are created; phases are not (an index must exist).
/// </summary>
internal static partial class OverrideApplier
{
    [GeneratedRegex(@"^(?<name>[A-Za-z_][A-Za-z0-9_-]*)(\[(?<index>[0-9]{1,6})\])?$")]
    private static partial Regex Segment();

    /// <summary>Applies every override in order; returns the problems of those whose path does not fit the scenario.</summary>
    public static List<Problem> Apply(YamlNode root, IReadOnlyList<ScenarioOverride> overrides)
    {
        var problems = new List<Problem>();
        if (root is not YamlMappingNode top) return problems; // the reader reports a file that is no mapping
        foreach (var o in overrides)
            if (ApplyOne(top, o) is { } message) problems.Add(Problem.General(o.Flag, o.Path, message));
        return problems;
    }

    private static string? ApplyOne(YamlMappingNode top, ScenarioOverride o)
    {
        var parts = o.Path.Split('.');
        var map = top;
        var section = "";
        for (var i = 0; i < parts.Length; i++)
        {
            var match = Segment().Match(parts[i]);
            if (!match.Success) return $"'{parts[i]}' is not a field name; a path reads like load.phases[0].rate or target.endpoint";
            var name = match.Groups["name"].Value;
            var index = match.Groups["index"].Success ? int.Parse(match.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture) : (int?)null;
            var here = ScenarioFields.Section(section)!;
            if (!here.Fields.Contains(name, StringComparer.Ordinal)) return UnknownField(section, name, here.Fields);
            var last = i == parts.Length - 1;
            var fullName = section.Length == 0 ? name : $"{section}.{name}";
            if (index is not null && fullName != "load.phases") return $"{fullName} is not a list; remove [{index}]";
            switch (fullName)
            {
                case "load.phases" when index is null:
                    return "name a phase by its index, e.g. load.phases[0].rate";
                case "load.phases":
                    return SetPhaseField(map, index!.Value, parts[(i + 1)..], o.Value);
                case "target.headers" when last:
                    return "name the header, e.g. target.headers.Authorization=...";
                case "target.headers":
                    return Set(Child(map, name) ?? AddMapping(map, name), string.Join('.', parts[(i + 1)..]), o.Value, fullName);
                case "candidates":
                    return "candidates is a list, which --set does not change; use ${NAME} inside it instead";
                case "thresholds":
                    return "thresholds is a list of expressions, which --set does not change; use ${NAME} inside an expression instead";
            }
            if (last)
            {
                if (here.Nested.Contains(name, StringComparer.Ordinal))
                    return $"{fullName} is a section; set one of its fields: {string.Join(", ", ScenarioFields.Section(fullName)!.Values.Select(v => $"{fullName}.{v}"))}";
                return Set(map, name, o.Value, section);
            }
            if (!here.Nested.Contains(name, StringComparer.Ordinal)) return $"{fullName} holds a single value, not fields";
            var child = Child(map, name);
            if (child is null && Get(map, name) is { } existing && !YamlFields.IsNull(existing)) return $"{fullName} in the file is not a mapping of fields";
            map = child ?? AddMapping(map, name);
            section = fullName;
        }
        return null;
    }

    private static string? SetPhaseField(YamlMappingNode load, int index, string[] rest, string value)
    {
        var phases = Get(load, "phases") as YamlSequenceNode;
        var count = phases?.Children.Count ?? 0;
        if (index >= count)
            return count == 0 ? "the scenario has no phases to change" : $"the scenario has {count} phase{(count == 1 ? "" : "s")} (load.phases[0] to load.phases[{count - 1}])";
        var path = $"load.phases[{index}]";
        if (rest.Length != 1) return rest.Length == 0 ? $"name a field of the phase, e.g. {path}.duration" : $"{path}.{rest[0]} holds a single value, not fields";
        if (phases!.Children[index] is not YamlMappingNode phase) return $"{path} in the file is not a mapping of fields";
        var shape = (Get(phase, "shape") as YamlScalarNode)?.Value?.Trim().ToLowerInvariant();
        string[] allowed = shape is not null && ScenarioFields.PhaseFields.ContainsKey(shape)
            ? ["shape", .. ScenarioFields.PhaseTakes(shape)]
            : ScenarioFields.AnyPhase;
        if (!allowed.Contains(rest[0], StringComparer.Ordinal))
        {
            var hint = NameSuggester.Suggest(rest[0], allowed);
            var takes = shape is null ? "" : $"a {shape} phase takes: {string.Join(", ", allowed)}";
            return hint is not null ? $"unknown field '{rest[0]}' (did you mean '{hint}'?)" : $"unknown field '{rest[0]}' ({takes})";
        }
        return Set(phase, rest[0], value, path);
    }

    private static string UnknownField(string section, string name, string[] fields)
    {
        var hint = NameSuggester.Suggest(name, fields);
        var where = section.Length == 0 ? "at the top level" : $"in {section}";
        return hint is not null
            ? $"unknown field '{name}' {where} (did you mean '{hint}'?)"
            : $"unknown field '{name}' {where} (expected one of: {string.Join(", ", fields)})";
    }

    private static string? Set(YamlMappingNode map, string name, string value, string section)
    {
        if (name.Length == 0) return $"name a field of {section}";
        var key = map.Children.Keys.OfType<YamlScalarNode>().FirstOrDefault(k => k.Value == name);
        if (key is not null && map.Children[key] is YamlScalarNode scalar)
        {
            scalar.Value = value;
            scalar.Style = ScalarStyle.Plain;
        }
        else if (key is not null) map.Children[key] = new YamlScalarNode(value) { Style = ScalarStyle.Plain };
        else map.Add(new YamlScalarNode(name), new YamlScalarNode(value) { Style = ScalarStyle.Plain });
        return null;
    }

    private static YamlNode? Get(YamlMappingNode map, string name) =>
        map.Children.FirstOrDefault(kv => (kv.Key as YamlScalarNode)?.Value == name).Value;

    private static YamlMappingNode? Child(YamlMappingNode map, string name) => Get(map, name) as YamlMappingNode;

    private static YamlMappingNode AddMapping(YamlMappingNode map, string name)
    {
        // A key written with no value (`recommend:`) is replaced rather than added twice.
        var key = map.Children.Keys.OfType<YamlScalarNode>().FirstOrDefault(k => k.Value == name);
        var created = new YamlMappingNode();
        if (key is not null) map.Children[key] = created;
        else map.Add(new YamlScalarNode(name), created);
        return created;
    }
}
