using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LoadLab.Core.Json;

/// <summary>
/// The one JSON convention for LoadLab's own files: snake_case names (so units read as <c>_ms</c>, <c>_us</c>),
/// enums as strings, nulls omitted, invariant numbers. AWS request shapes keep their wire names through
/// <see cref="JsonPropertyNameAttribute"/>, which wins over the naming policy.
/// </summary>
public static class LoadLabJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var o = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            WriteIndented = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            AllowTrailingCommas = true,
            ReadCommentHandling = JsonCommentHandling.Skip,
        };
        o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        o.MakeReadOnly(populateMissingResolver: true);
        return o;
    }

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException("the document is empty (null)");

    /// <summary>Writes atomically (temp file then rename) so an interrupted write never leaves half a file.</summary>
    public static void WriteFile<T>(string path, T value) => AtomicFile.WriteAllText(path, Serialize(value));
}
