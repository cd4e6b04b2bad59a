using LoadLab.Core.Scenarios.Parameters;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LoadLab.Core.Scenarios.Loading;

/// <summary>
/// Replaces <c>${NAME}</c> references in every value of a parsed scenario (field names are left alone), before the
/// reader sees it, so expanded values are validated as if written in the file. A value that is one whole reference
/// becomes a plain value, so <c>"rate": "${RATE:-50}"</c> in JSON reads as the number 50.
/// </summary>
internal static class VariableExpander
{
    /// <summary>Expands in place; returns false when a reference could not be expanded (each recorded where it stands).</summary>
    public static bool Expand(YamlNode root, ProblemSink sink, Func<string, string?> lookup)
    {
        var before = sink.Items.Count;
        Walk(root, "", sink, lookup);
        return sink.Items.Count == before;
    }

    private static void Walk(YamlNode node, string path, ProblemSink sink, Func<string, string?> lookup)
    {
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                {
                    var name = (key as YamlScalarNode)?.Value ?? "";
                    Walk(value, path.Length == 0 ? name : $"{path}.{name}", sink, lookup);
                }
                break;
            case YamlSequenceNode list:
                for (var i = 0; i < list.Children.Count; i++) Walk(list.Children[i], $"{path}[{i}]", sink, lookup);
                break;
            case YamlScalarNode { Value: { } text } scalar when VariableText.HasReference(text):
                var failures = new List<VariableText.Failure>();
                var expanded = VariableText.Expand(text, lookup, failures);
                foreach (var failure in failures)
                    sink.Items.Add(new Errors.Problem(sink.File, (int)scalar.Start.Line, ColumnOf(scalar, text, failure.Offset), path, failure.Message));
                if (expanded is null) return;
                var whole = text.StartsWith("${", StringComparison.Ordinal) && text.IndexOf('}') == text.Length - 1;
                scalar.Value = expanded;
                if (whole) scalar.Style = ScalarStyle.Plain;
                break;
        }
    }

    /// <summary>The column of the reference itself when the value sits on one line as written, else the value's start.</summary>
    private static int ColumnOf(YamlScalarNode scalar, string text, int offset)
    {
        var start = (int)scalar.Start.Column;
        if (text.Contains('\n') || scalar.Start.Line != scalar.End.Line) return start;
        return scalar.Style switch
        {
            ScalarStyle.Plain => start + offset,
            ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted when text.IndexOfAny(['\'', '\\', '"']) < 0 => start + 1 + offset,
            _ => start,
        };
    }
}
