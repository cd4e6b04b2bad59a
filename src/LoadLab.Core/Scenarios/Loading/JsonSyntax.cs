using System.Text;
using System.Text.Json;
using LoadLab.Core.Errors;

namespace LoadLab.Core.Scenarios.Loading;

/// <summary>Strict JSON syntax check with 1-based line and character column of the first error.</summary>
internal static class JsonSyntax
{
    private static readonly JsonReaderOptions Strict = new()
    {
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        MaxDepth = 256,
    };

    /// <summary>Null when <paramref name="utf8"/> is one valid JSON value; else the located problem.</summary>
    public static Problem? Check(ReadOnlySpan<byte> utf8, string displayPath, string field, string what = "malformed JSON",
        int lineOffset = 0)
    {
        if (utf8.StartsWith(Encoding.UTF8.Preamble)) utf8 = utf8[Encoding.UTF8.Preamble.Length..];
        var reader = new Utf8JsonReader(utf8, isFinalBlock: true, state: new JsonReaderState(Strict));
        try
        {
            while (reader.Read())
            {
            }
            if (reader.TokenStartIndex == 0 && reader.TokenType == JsonTokenType.None)
                return new Problem(displayPath, 1 + lineOffset, 1, field, $"{what}: no JSON value found");
            return null;
        }
        catch (JsonException e)
        {
            var line = (int)(e.LineNumber ?? 0);
            var column = CharColumn(utf8, line, (int)(e.BytePositionInLine ?? 0));
            return new Problem(displayPath, line + 1 + lineOffset, column, field, $"{what}: {CleanMessage(e.Message)}");
        }
    }

    /// <summary>1-based character column from a 0-based line and byte offset in that line (UTF-8 aware).</summary>
    private static int CharColumn(ReadOnlySpan<byte> utf8, int line, int bytePosition)
    {
        var start = 0;
        for (var l = 0; l < line; l++)
        {
            var nl = utf8[start..].IndexOf((byte)'\n');
            if (nl < 0) return bytePosition + 1;
            start += nl + 1;
        }
        var length = Math.Min(bytePosition, utf8.Length - start);
        return Encoding.UTF8.GetCharCount(utf8.Slice(start, Math.Max(0, length))) + 1;
    }

    /// <summary>System.Text.Json appends "LineNumber: n | BytePositionInLine: m." (0-based); we already say where.</summary>
    private static string CleanMessage(string message)
    {
        if (message.Contains("trailing comma", StringComparison.OrdinalIgnoreCase)) return "a trailing comma is not allowed in JSON";
        if (message.StartsWith("'/' is invalid", StringComparison.Ordinal)) return "comments are not allowed in JSON";
        var i = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var text = (i >= 0 ? message[..i] : message).Replace(" Change the reader options.", "").Trim();
        return text.Length > 0 && char.IsUpper(text[0]) && !(text.Length > 1 && char.IsUpper(text[1]))
            ? char.ToLowerInvariant(text[0]) + text[1..]
            : text;
    }
}
