using System.Globalization;
using LoadLab.Core.Errors;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LoadLab.Core.Scenarios.Loading;

/// <summary>Collects located problems for one scenario file; never throws, so every problem is reported at once.</summary>
internal sealed class ProblemSink(string file)
{
    public string File { get; } = file;
    public List<Problem> Items { get; } = [];

    public void Add(Mark at, string field, string message) => Items.Add(new Problem(File, (int)at.Line, (int)at.Column, field, message));
    public void Add(YamlNode node, string field, string message) => Add(node.Start, field, message);
}

/// <summary>
/// Typed, located reads from one YAML mapping. Every read that fails records a problem (at the value, or at the
/// mapping for a missing field) and returns null, so callers keep going and report the next problem too.
/// </summary>
internal sealed class YamlFields
{
    private readonly Dictionary<string, (YamlScalarNode Key, YamlNode Value)> _fields = new(StringComparer.Ordinal);
    private readonly ProblemSink _sink;
    private readonly HashSet<string> _suggested = new(StringComparer.Ordinal);

    private YamlFields(YamlMappingNode node, string path, ProblemSink sink)
    {
        Node = node;
        PathPrefix = path;
        _sink = sink;
        foreach (var (key, value) in node.Children)
        {
            if (key is not YamlScalarNode scalar || scalar.Value is null)
            {
                sink.Add(key, path, "field names must be plain text");
                continue;
            }
            _fields[scalar.Value] = (scalar, value);
        }
    }

    public YamlMappingNode Node { get; }
    public string PathPrefix { get; }
    public IEnumerable<string> Names => _fields.Keys;

    /// <summary>Opens a mapping, or records "expected a mapping" and returns null.</summary>
    public static YamlFields? Open(YamlNode node, string path, ProblemSink sink)
    {
        if (node is YamlMappingNode m) return new YamlFields(m, path, sink);
        sink.Add(node, path, $"expected a mapping (key: value pairs), got {Describe(node)}");
        return null;
    }

    public string PathOf(string key) => PathPrefix.Length == 0 ? key : $"{PathPrefix}.{key}";

    public YamlScalarNode KeyNode(string key) => _fields[key].Key;

    /// <summary>The value node, or null when the field is absent or explicitly null (<c>~</c>, <c>null</c>, empty).</summary>
    public YamlNode? Get(string key) =>
        _fields.TryGetValue(key, out var f) && !IsNull(f.Value) ? f.Value : null;

    public bool Has(string key) => _fields.ContainsKey(key);

    /// <summary>Records a problem at a field's key, or at the mapping when it is absent.</summary>
    public void Problem(string key, string message)
    {
        if (_fields.TryGetValue(key, out var f)) _sink.Add(IsNull(f.Value) ? f.Key : f.Value, PathOf(key), message);
        else _sink.Add(Node, PathOf(key), message);
    }

    /// <summary>Records a problem at a field's key (for "this field should not be here").</summary>
    public void ProblemAtKey(string key, string message) => _sink.Add(_fields[key].Key, PathOf(key), message);

    private bool Missing(string key, bool required)
    {
        if (Get(key) is not null) return false;
        // A typo already reported with "did you mean 'key'?" needs no second message saying key is missing.
        if (required && !_suggested.Contains(key))
        {
            if (_fields.TryGetValue(key, out var f)) _sink.Add(f.Key, PathOf(key), "has no value");
            else _sink.Add(Node, PathOf(key), "is required");
        }
        return true;
    }

    public string? String(string key, bool required = false)
    {
        if (Missing(key, required)) return null;
        var node = Get(key)!;
        if (node is YamlScalarNode s) return s.Value;
        _sink.Add(node, PathOf(key), $"expected text, got {Describe(node)}");
        return null;
    }

    public double? Number(string key, bool required = false)
    {
        if (Missing(key, required)) return null;
        var node = Get(key)!;
        if (TryNumber(node, out var value)) return value;
        _sink.Add(node, PathOf(key), $"expected a number, got {Describe(node)}");
        return null;
    }

    /// <summary>A number, also written as a percentage ("1%" → 0.01) when <paramref name="allowPercent"/>.</summary>
    public double? Fraction(string key, bool required = false)
    {
        if (Missing(key, required)) return null;
        var node = Get(key)!;
        if (TryNumber(node, out var value)) return value;
        if (node is YamlScalarNode { Value: { } text } && text.Trim().EndsWith('%')
            && double.TryParse(text.Trim()[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var pct) && double.IsFinite(pct))
            return pct / 100;
        _sink.Add(node, PathOf(key), $"expected a fraction like 0.01 or a percentage like 1%, got {Describe(node)}");
        return null;
    }

    public long? Integer(string key, bool required = false)
    {
        if (Missing(key, required)) return null;
        var node = Get(key)!;
        if (node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: { } text }
            && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            return value;
        _sink.Add(node, PathOf(key), $"expected a whole number, got {Describe(node)}");
        return null;
    }

    public bool? Bool(string key, bool required = false)
    {
        if (Missing(key, required)) return null;
        var node = Get(key)!;
        if (node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: { } text })
        {
            if (text is "true" or "True" or "TRUE") return true;
            if (text is "false" or "False" or "FALSE") return false;
        }
        _sink.Add(node, PathOf(key), $"expected true or false, got {Describe(node)}");
        return null;
    }

    public TimeSpan? Duration(string key, bool required = false)
    {
        if (Missing(key, required)) return null;
        var node = Get(key)!;
        if (node is not YamlScalarNode { Value: { } text })
        {
            _sink.Add(node, PathOf(key), $"expected a duration like 30s, 5m or 1h30m, got {Describe(node)}");
            return null;
        }
        if (DurationText.TryParse(text, out var value, out var error)) return value;
        _sink.Add(node, PathOf(key), error);
        return null;
    }

    /// <summary>One of a fixed set of words (case-insensitive); returns the canonical spelling.</summary>
    public string? Choice(string key, IReadOnlyList<string> choices, bool required = false)
    {
        var text = String(key, required);
        if (text is null) return null;
        var match = choices.FirstOrDefault(c => string.Equals(c, text.Trim(), StringComparison.OrdinalIgnoreCase));
        if (match is not null) return match;
        var hint = NameSuggester.Suggest(text.Trim(), choices);
        Problem(key, $"'{text}' is not one of: {string.Join(", ", choices)}" + (hint is null ? "" : $" (did you mean '{hint}'?)"));
        return null;
    }

    /// <summary>
    /// Records every field not in <paramref name="allowed"/>. <paramref name="explain"/> may return a specific message
    /// (a field that belongs to another shape or target kind); otherwise the nearest allowed name is suggested.
    /// </summary>
    public void RejectUnknown(IReadOnlyCollection<string> allowed, Func<string, string?>? explain = null)
    {
        foreach (var (name, (key, _)) in _fields)
        {
            if (allowed.Contains(name)) continue;
            var specific = explain?.Invoke(name);
            if (specific is not null)
            {
                _sink.Add(key, PathOf(name), specific);
                continue;
            }
            var hint = NameSuggester.Suggest(name, allowed);
            if (hint is not null) _suggested.Add(hint);
            _sink.Add(key, PathOf(name), hint is null
                ? $"unknown field (expected one of: {string.Join(", ", allowed)})"
                : $"unknown field (did you mean '{hint}'?)");
        }
    }

    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    public static bool TryNumber(YamlNode node, out double value)
    {
        value = 0;
        return node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: { } text }
               && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
               && double.IsFinite(value);
    }

    /// <summary>How a node reads to a user: "a list", "a mapping", "the text 'abc'".</summary>
    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s when IsNull(s) => "nothing",
        YamlScalarNode { Style: ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted } s => $"the quoted text \"{Shorten(s.Value)}\"",
        YamlScalarNode s => $"'{Shorten(s.Value)}'",
        _ => "an unsupported value",
    };

    private static string Shorten(string? s) => s is null ? "" : s.Length <= 40 ? s : s[..37] + "...";
}
