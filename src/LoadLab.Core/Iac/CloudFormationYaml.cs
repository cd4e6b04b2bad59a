using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LoadLab.Core.Iac;

/// <summary>
/// Just enough YAML for a CloudFormation template tree: block mappings and sequences, every string double-quoted (JSON
/// escaping is valid YAML), numbers and booleans as JSON writes them, and { "Ref": id } as the short form !Ref id.
/// </summary>
internal static class CloudFormationYaml
{
    private static readonly JsonSerializerOptions Plain = new() { WriteIndented = false };

    public static string Write(JsonObject root)
    {
        var sb = new StringBuilder();
        Mapping(sb, root, 0);
        return sb.ToString();
    }

    private static void Mapping(StringBuilder sb, JsonObject o, int indent)
    {
        foreach (var (key, value) in o)
        {
            sb.Append(' ', indent * 2).Append(key).Append(':');
            Value(sb, value, indent);
        }
    }

    /// <summary>Writes what follows "key:" or "-": inline for scalars, Refs and empty collections, else on the next lines.</summary>
    private static void Value(StringBuilder sb, JsonNode? value, int indent)
    {
        switch (value)
        {
            case JsonObject o when RefTarget(o) is { } id: sb.Append(" !Ref ").Append(id).Append('\n'); break;
            case JsonObject { Count: 0 }: sb.Append(" {}\n"); break;
            case JsonArray { Count: 0 }: sb.Append(" []\n"); break;
            case JsonObject o: sb.Append('\n'); Mapping(sb, o, indent + 1); break;
            case JsonArray a: sb.Append('\n'); Sequence(sb, a, indent + 1); break;
            default: sb.Append(' ').Append(Scalar(value)).Append('\n'); break;
        }
    }

    private static void Sequence(StringBuilder sb, JsonArray a, int indent)
    {
        foreach (var item in a)
        {
            if (item is JsonObject { Count: > 0 } o && RefTarget(o) is null)
            {
                // "- " then the mapping's first entry on the same line; the rest line up under it.
                var inner = new StringBuilder();
                Mapping(inner, o, indent + 1);
                sb.Append(' ', indent * 2).Append("- ").Append(inner.ToString(), (indent + 1) * 2, inner.Length - (indent + 1) * 2);
            }
            else
            {
                sb.Append(' ', indent * 2).Append('-');
                Value(sb, item, indent);
            }
        }
    }

    private static string? RefTarget(JsonObject o) =>
        o.Count == 1 && o.TryGetPropertyValue("Ref", out var v) && v is JsonValue jv && jv.TryGetValue<string>(out var id) ? id : null;

    private static string Scalar(JsonNode? value) => value is null ? "null" : value.ToJsonString(Plain);
}
