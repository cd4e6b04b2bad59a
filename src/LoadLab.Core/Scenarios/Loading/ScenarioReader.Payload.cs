using System.Text;
using System.Text.RegularExpressions;
using LoadLab.Core.Errors;
using YamlDotNet.RepresentationModel;

namespace LoadLab.Core.Scenarios.Loading;

/// <summary>The <c>payload</c> section: one body source (file, folder, jsonl or inline), read and checked here.</summary>
internal sealed partial class ScenarioReader
{
    [GeneratedRegex(@"^[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+(\s*;.*)?$")]
    private static partial Regex MediaType();

    private PayloadSpec? ReadPayload(YamlNode node, bool isSageMaker)
    {
        var f = YamlFields.Open(node, "payload", sink);
        if (f is null) return null;
        f.RejectUnknown(ScenarioFields.Payload);
        var contentType = f.String("contentType");
        if (contentType is not null && !MediaType().IsMatch(contentType.Trim()))
            f.Problem("contentType", $"'{contentType}' is not a media type like application/json");
        var accept = f.String("accept");

        var sources = ScenarioFields.PayloadSources.Where(k => f.Has(k)).ToList();
        if (sources.Count == 0)
        {
            sink.Add(f.Node, "payload", "needs one of: file, folder, jsonl, inline");
            return null;
        }
        if (sources.Count > 1)
        {
            foreach (var extra in sources.Skip(1))
                f.ProblemAtKey(extra, $"only one of file, folder, jsonl, inline may be set (also found '{sources[0]}')");
            return null;
        }
        var source = sources[0];
        var type = contentType?.Trim() ?? "application/json";
        var checks = new PayloadChecks(
            ExpectJson: type.Contains("json", StringComparison.OrdinalIgnoreCase) && !type.Contains("jsonl", StringComparison.OrdinalIgnoreCase)
                        && !type.Contains("json-seq", StringComparison.OrdinalIgnoreCase) && !type.Contains("x-ndjson", StringComparison.OrdinalIgnoreCase),
            MaxBytes: isSageMaker ? PayloadReader.SageMakerMaxBytes : null,
            LimitReason: "SageMaker real-time endpoints accept at most 6 MB per request");
        var field = f.PathOf(source);
        var value = f.String(source, required: true);
        if (value is null) return null;
        IReadOnlyList<PayloadBody>? bodies;
        string? file = null, folder = null, jsonl = null, inline = null;
        var valueNode = f.Get(source)!;
        Problem At(string message) => new(sink.File, (int)valueNode.Start.Line, (int)valueNode.Start.Column, field, message);
        if (source == "inline")
        {
            inline = value;
            bodies = PayloadReader.ReadInline(value, sink.File, field, checks, sink.Items, At);
            if (bodies is not null && checks.ExpectJson && JsonSyntax.Check(Encoding.UTF8.GetBytes(value), sink.File, field) is { } bad)
            {
                sink.Items.Add(At($"contentType is JSON but the inline body is not valid JSON: {bad.Message["malformed JSON: ".Length..]}"));
                bodies = null;
            }
        }
        else
        {
            var (full, display) = ResolvePath(value);
            switch (source)
            {
                case "file":
                    file = full;
                    bodies = PayloadReader.ReadFile(full, display, field, checks, sink.Items, At);
                    break;
                case "folder":
                    folder = full;
                    bodies = PayloadReader.ReadFolder(full, display, field, checks, sink.Items, At);
                    break;
                default:
                    jsonl = full;
                    bodies = PayloadReader.ReadJsonLines(full, display, field, checks, sink.Items, At);
                    break;
            }
        }
        if (bodies is null) return null;
        return new PayloadSpec
        {
            ContentType = type,
            Accept = accept,
            File = file,
            Folder = folder,
            Jsonl = jsonl,
            Inline = inline,
            Bodies = bodies,
        };
    }

    /// <summary>Relative paths resolve against the scenario file's folder; returns the absolute path and the path to show.</summary>
    private (string Full, string Display) ResolvePath(string value)
    {
        var trimmed = value.Trim();
        if (Path.IsPathRooted(trimmed)) return (Path.GetFullPath(trimmed), trimmed);
        return (Path.GetFullPath(Path.Combine(baseDirectory, trimmed)),
            displayDirectory.Length == 0 ? trimmed : Path.Combine(displayDirectory, trimmed));
    }
}
