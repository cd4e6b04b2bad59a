using System.Text.Json;

namespace LoadLab.SimEndpoint.Llm;

/// <summary>
/// What the simulated model reads from a request: a TGI/LMI-style JSON body <c>{"inputs": "...", "parameters":
/// {"max_new_tokens": N}}</c>. Input tokens are estimated as one per 4 bytes of the prompt (at least 1), the usual
/// rule of thumb for English and BPE tokenizers; no tokenizer runs. Anything else (not JSON, no inputs) is a prompt
/// of the whole body's size with the default output length.
/// </summary>
public readonly record struct LlmPrompt(int InputTokens, int OutputTokens)
{
    public static LlmPrompt Read(ReadOnlySpan<byte> body, LlmOptions o)
    {
        var input = Math.Max(1, body.Length / 4);
        var output = o.DefaultOutputTokens;
        try
        {
            var reader = new Utf8JsonReader(body);
            using var doc = JsonDocument.ParseValue(ref reader);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                if (root.TryGetProperty("inputs", out var inputs) && inputs.ValueKind == JsonValueKind.String)
                    input = Math.Max(1, System.Text.Encoding.UTF8.GetByteCount(inputs.GetString()!) / 4);
                if (root.TryGetProperty("parameters", out var p) && p.ValueKind == JsonValueKind.Object
                    && p.TryGetProperty("max_new_tokens", out var m) && m.TryGetInt32(out var n) && n >= 1)
                    output = Math.Min(n, o.MaxOutputTokens);
            }
        }
        catch (JsonException)
        {
            // Not JSON: the whole body is the prompt.
        }
        return new LlmPrompt(input, output);
    }
}
