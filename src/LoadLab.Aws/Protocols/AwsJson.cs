using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LoadLab.Aws.Protocols;

/// <summary>
/// JSON settings for the AWS JSON protocols: property names exactly as written (C# names = AWS member names),
/// nulls omitted, timestamps as epoch seconds (fractional allowed) on the wire.
/// </summary>
public static class AwsJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var o = new JsonSerializerOptions
        {
            PropertyNamingPolicy = null,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
        };
        o.Converters.Add(new EpochSecondsConverter());
        o.MakeReadOnly(populateMissingResolver: true);
        return o;
    }
}

/// <summary>DateTimeOffset as epoch seconds; reads numbers, numeric strings and ISO-8601 strings.</summary>
public sealed class EpochSecondsConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number) return FromSeconds(reader.GetDouble());
        if (reader.TokenType == JsonTokenType.String)
        {
            var s = reader.GetString()!;
            if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var secs)) return FromSeconds(secs);
            return DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
        }
        throw new JsonException($"expected a timestamp, got {reader.TokenType}");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        var ms = value.ToUnixTimeMilliseconds();
        if (ms % 1000 == 0) writer.WriteNumberValue(ms / 1000);
        else writer.WriteNumberValue(ms / 1000.0);
    }

    private static DateTimeOffset FromSeconds(double s) => DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(s * 1000));
}
