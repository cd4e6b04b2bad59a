using System.Text;
using System.Text.Json;

namespace LoadLab.Apply.Loading;

/// <summary>
/// Maps JSON paths such as <c>PutScalingPolicy[0].TargetTrackingScalingPolicyConfiguration.TargetValue</c> to the
/// line and column where that value starts, so a validation problem can name the line in the user's file.
/// A path that is not in the file (a missing field) maps to its nearest present ancestor.
/// </summary>
public sealed class JsonLocator
{
    private readonly Dictionary<string, (int Line, int Column)> _positions = new(StringComparer.Ordinal);

    public JsonLocator(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var lineStarts = new List<int> { 0 };
        for (var i = 0; i < bytes.Length; i++) if (bytes[i] == (byte)'\n') lineStarts.Add(i + 1);
        (int, int) Where(long offset)
        {
            var idx = lineStarts.BinarySearch((int)offset);
            if (idx < 0) idx = ~idx - 1;
            return (idx + 1, (int)offset - lineStarts[idx] + 1);
        }

        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        // Stack of containers: for objects the pending property name, for arrays the next index.
        var stack = new List<(bool IsArray, string Path, int Index)>();
        string? pendingProperty = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        pendingProperty = reader.GetString();
                        var parent = stack.Count > 0 ? stack[^1].Path : "";
                        _positions.TryAdd(Join(parent, pendingProperty!), Where(reader.TokenStartIndex));
                        continue;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        var path = CurrentPath(stack, pendingProperty);
                        if (path.Length > 0) _positions.TryAdd(path, Where(reader.TokenStartIndex));
                        Advance(stack);
                        stack.Add((reader.TokenType == JsonTokenType.StartArray, path, 0));
                        pendingProperty = null;
                        continue;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        stack.RemoveAt(stack.Count - 1);
                        continue;
                    default:
                        var valuePath = CurrentPath(stack, pendingProperty);
                        if (valuePath.Length > 0) _positions.TryAdd(valuePath, Where(reader.TokenStartIndex));
                        Advance(stack);
                        pendingProperty = null;
                        continue;
                }
            }
        }
        catch (JsonException)
        {
            // A malformed document is reported by the deserializer; positions found so far still help.
        }
    }

    private static string CurrentPath(List<(bool IsArray, string Path, int Index)> stack, string? property)
    {
        if (stack.Count == 0) return "";
        var top = stack[^1];
        return top.IsArray ? $"{top.Path}[{top.Index}]" : Join(top.Path, property ?? "");
    }

    // Arrays count their items: bump the index of the enclosing array after an item starts.
    private static void Advance(List<(bool IsArray, string Path, int Index)> stack)
    {
        if (stack.Count > 0 && stack[^1].IsArray) stack[^1] = stack[^1] with { Index = stack[^1].Index + 1 };
    }

    private static string Join(string parent, string name) => parent.Length == 0 ? name : $"{parent}.{name}";

    /// <summary>Line and column (1-based) of <paramref name="path"/> or its nearest present ancestor; (0, 0) when none.</summary>
    public (int Line, int Column) Find(string path)
    {
        var p = path;
        while (p.Length > 0)
        {
            if (_positions.TryGetValue(p, out var pos)) return pos;
            var cut = Math.Max(p.LastIndexOf('.'), p.LastIndexOf('['));
            if (cut <= 0) break;
            p = p[..cut];
        }
        return (0, 0);
    }
}
