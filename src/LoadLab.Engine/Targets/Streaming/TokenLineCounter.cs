using System.Text;
using System.Text.Json;

namespace LoadLab.Engine.Targets.Streaming;

/// <summary>
/// Counts output tokens in a streamed response body, one token per token event, from the payload shapes the
/// SageMaker LLM containers stream. The body is cut into lines (a line may span several PayloadParts or reads); each
/// line, after an optional SSE <c>data:</c> prefix, is one JSON event:
/// <list type="bullet">
/// <item>TGI and LMI: <c>{"token":{"text":...}}</c> (TGI's last event also carries <c>generated_text</c>; still one token);</item>
/// <item>LMI JSON lines: <c>{"outputs":[...]}</c> or <c>{"generated_text":...}</c> without a token member;</item>
/// <item>OpenAI-compatible chunks: <c>{"choices":[{"delta":{"content":"..."}}]}</c> or <c>{"choices":[{"text":"..."}]}</c>
/// with non-empty text.</item>
/// </list>
/// Anything else (SSE <c>event:</c>/<c>id:</c> lines and comments, <c>data: [DONE]</c>, blank lines, text that is not JSON,
/// JSON of another shape) counts no token. Tokens are events, not tokenizer tokens: a container that packs several
/// tokens into one event is counted once per event.
/// </summary>
public sealed class TokenLineCounter
{
    private readonly List<byte> _partial = [];

    /// <summary>Feeds the next bytes; returns how many token events the lines they completed held.</summary>
    public int Feed(ReadOnlySpan<byte> bytes)
    {
        var tokens = 0;
        while (!bytes.IsEmpty)
        {
            var nl = bytes.IndexOf((byte)'\n');
            if (nl < 0)
            {
                foreach (var b in bytes) _partial.Add(b);
                break;
            }
            if (_partial.Count == 0)
            {
                tokens += CountLine(bytes[..nl]);
            }
            else
            {
                foreach (var b in bytes[..nl]) _partial.Add(b);
                tokens += CountLine(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_partial));
                _partial.Clear();
            }
            bytes = bytes[(nl + 1)..];
        }
        return tokens;
    }

    /// <summary>The end of the body: a last line without a newline still counts.</summary>
    public int Finish()
    {
        if (_partial.Count == 0) return 0;
        var n = CountLine(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_partial));
        _partial.Clear();
        return n;
    }

    /// <summary>Token events in one line (0 or 1).</summary>
    public static int CountLine(ReadOnlySpan<byte> line)
    {
        line = Trim(line);
        if (line.IsEmpty) return 0;
        if (line.StartsWith("data:"u8)) line = Trim(line[5..]);
        else if (line[0] != (byte)'{') return 0; // SSE event:/id:/retry: lines, comments, plain text
        if (line.IsEmpty || line[0] != (byte)'{') return 0; // [DONE] and non-object data
        try
        {
            var reader = new Utf8JsonReader(line);
            using var doc = JsonDocument.ParseValue(ref reader);
            return IsTokenEvent(doc.RootElement) ? 1 : 0;
        }
        catch (JsonException)
        {
            return 0;
        }
    }

    private static bool IsTokenEvent(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object) return false;
        if (e.TryGetProperty("token", out var token) && token.ValueKind == JsonValueKind.Object) return true;
        if (e.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array)
        {
            foreach (var c in choices.EnumerateArray())
            {
                if (c.ValueKind != JsonValueKind.Object) continue;
                if (c.TryGetProperty("delta", out var d) && d.ValueKind == JsonValueKind.Object
                    && d.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String && content.GetString()!.Length > 0)
                    return true;
                if (c.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String && text.GetString()!.Length > 0) return true;
            }
            return false;
        }
        return e.TryGetProperty("outputs", out _) || e.TryGetProperty("generated_text", out _);
    }

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> s)
    {
        while (!s.IsEmpty && (s[0] == ' ' || s[0] == '\t' || s[0] == '\r')) s = s[1..];
        while (!s.IsEmpty && (s[^1] == ' ' || s[^1] == '\t' || s[^1] == '\r')) s = s[..^1];
        return s;
    }

    /// <summary>For tests and messages.</summary>
    public static int CountLine(string line) => CountLine(Encoding.UTF8.GetBytes(line));
}
