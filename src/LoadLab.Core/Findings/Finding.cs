using System.Text.Json;
using System.Text.Json.Serialization;

namespace LoadLab.Core.Findings;

/// <summary>How much a finding should change what the reader believes about the run.</summary>
public enum Severity
{
    /// <summary>Expected or harmless (a GPU metric on a CPU instance); listed, never in the headline.</summary>
    Info,
    /// <summary>A figure is weaker or missing because of it; the reader should know.</summary>
    Warning,
    /// <summary>A figure the report shows is wrong or unusable because of it.</summary>
    Error,
}

/// <summary>
/// A warning as a stage writes it into its run file: a severity, a stable code for grouping and filtering, the
/// subject it is about (e.g. "ModelLatency p90"; null when it is about the run), the cause in words, and optional
/// detail (the error message as received). Identical causes share code and <see cref="Message"/>, so a report can
/// group them ("ModelLatency/OverheadLatency p50/p90: ..."). In JSON an object; a plain string (files written before
/// findings had a severity) reads as a warning with code "unclassified".
/// </summary>
[JsonConverter(typeof(FindingJsonConverter))]
public sealed record Finding(Severity Severity, string Code, string Message)
{
    public string? Subject { get; init; }
    public string? Detail { get; init; }

    /// <summary>The finding as one sentence: "subject: message (detail)".</summary>
    public string Text => (Subject is null ? Message : $"{Subject}: {Message}") + (Detail is null ? "" : $" ({Detail})");

    public const string Unclassified = "unclassified";

    public static Finding Info(string code, string message, string? subject = null) => new(Severity.Info, code, message) { Subject = subject };
    public static Finding Warning(string code, string message, string? subject = null) => new(Severity.Warning, code, message) { Subject = subject };
    public static Finding Error(string code, string message, string? subject = null) => new(Severity.Error, code, message) { Subject = subject };

    public override string ToString() => Text;
}

/// <summary>Reads a <see cref="Finding"/> from an object or from a plain string; writes the object form.</summary>
public sealed class FindingJsonConverter : JsonConverter<Finding>
{
    public override Finding Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String) return Finding.Warning(Finding.Unclassified, reader.GetString()!);
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("a finding is an object or a string");
        Severity severity = Severity.Warning;
        string? code = null, message = null, subject = null, detail = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "severity":
                    severity = reader.GetString() switch
                    {
                        "info" => Severity.Info, "warning" => Severity.Warning, "error" => Severity.Error,
                        var s => throw new JsonException($"unknown severity '{s}' (expected info, warning or error)"),
                    };
                    break;
                case "code": code = reader.GetString(); break;
                case "message": message = reader.GetString(); break;
                case "subject": subject = reader.TokenType == JsonTokenType.Null ? null : reader.GetString(); break;
                case "detail": detail = reader.TokenType == JsonTokenType.Null ? null : reader.GetString(); break;
                default: reader.Skip(); break;
            }
        }
        return new Finding(severity, code ?? Finding.Unclassified, message ?? throw new JsonException("a finding needs a message"))
        {
            Subject = subject, Detail = detail,
        };
    }

    public override void Write(Utf8JsonWriter writer, Finding value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("severity", value.Severity switch { Severity.Info => "info", Severity.Error => "error", _ => "warning" });
        writer.WriteString("code", value.Code);
        if (value.Subject is not null) writer.WriteString("subject", value.Subject);
        writer.WriteString("message", value.Message);
        if (value.Detail is not null) writer.WriteString("detail", value.Detail);
        writer.WriteEndObject();
    }
}
