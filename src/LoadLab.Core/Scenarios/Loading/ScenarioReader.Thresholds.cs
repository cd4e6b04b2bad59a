using LoadLab.Core.Thresholds;
using YamlDotNet.RepresentationModel;

namespace LoadLab.Core.Scenarios.Loading;

/// <summary>The <c>thresholds</c> section, as a list of expressions or in k6's object form.</summary>
internal sealed partial class ScenarioReader
{
    private IReadOnlyList<string> ReadThresholds(YamlNode node)
    {
        if (node is YamlMappingNode)
            return ReadK6Thresholds(node);
        if (node is not YamlSequenceNode list)
        {
            sink.Add(node, "thresholds", $"expected a list of expressions like [\"p(99) < 500\", \"errors < 1%\"], got {YamlFields.Describe(node)}");
            return [];
        }
        var result = new List<string>();
        for (var i = 0; i < list.Children.Count; i++)
        {
            var item = list.Children[i];
            var field = $"thresholds[{i}]";
            if (item is not YamlScalarNode { Value: { } text } || YamlFields.IsNull(item))
            {
                sink.Add(item, field, $"expected an expression like \"p(99) < 500\", got {YamlFields.Describe(item)}");
                continue;
            }
            if (Threshold.TryParse(text, out var threshold, out var error)) result.Add(threshold!.Expression);
            else sink.Add(item, field, error);
        }
        return result;
    }

    /// <summary>
    /// k6's object form: <c>thresholds: { http_req_duration: ["p(95)&lt;200"], http_req_failed: ["rate&lt;0.01"] }</c>.
    /// Each entry becomes the list form with its metric as a prefix (<c>http_req_failed: rate&lt;0.01</c>).
    /// </summary>
    private IReadOnlyList<string> ReadK6Thresholds(YamlNode node)
    {
        var f = YamlFields.Open(node, "thresholds", sink)!;
        f.RejectUnknown(Threshold.K6Metrics);
        var result = new List<string>();
        foreach (var metric in f.Names.Where(n => Threshold.K6Metrics.Contains(n)))
        {
            var value = f.Get(metric);
            var items = value switch
            {
                null => [],
                YamlSequenceNode seq => seq.Children.ToList(),
                _ => [value],
            };
            for (var i = 0; i < items.Count; i++)
            {
                var field = value is YamlSequenceNode ? $"thresholds.{metric}[{i}]" : $"thresholds.{metric}";
                if (items[i] is not YamlScalarNode { Value: { } text } || YamlFields.IsNull(items[i]))
                {
                    sink.Add(items[i], field, $"expected an expression like \"p(95) < 200\", got {YamlFields.Describe(items[i])}");
                    continue;
                }
                var expression = $"{metric}: {text.Trim()}";
                if (Threshold.TryParse(expression, out var threshold, out var error)) result.Add(threshold!.Expression);
                else sink.Add(items[i], field, error);
            }
        }
        return result;
    }
}
