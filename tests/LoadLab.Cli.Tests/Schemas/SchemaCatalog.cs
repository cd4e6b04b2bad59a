using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using Json.Schema;
using LoadLab.Compare.Model;
using LoadLab.Compare.Trend;
using LoadLab.Core.Json;
using LoadLab.Core.RunFiles;
using LoadLab.Reporting.Model;

namespace LoadLab.Cli.Tests.Schemas;

/// <summary>
/// LoadLab's own JSON files and the records that write them. The schemas in schemas/ are generated from these
/// records through the very serializer contract that writes the files (System.Text.Json's schema exporter over
/// <see cref="LoadLabJson.Options"/>), so a renamed or retyped field changes the schema: the committed schemas are
/// compared with the generated ones and cannot drift (LOADLAB_REGENERATE_SCHEMAS=1 rewrites them).
/// </summary>
public static class SchemaCatalog
{
    public sealed record Entry(string File, Type Type, string Description)
    {
        /// <summary>schemas/&lt;name&gt;.schema.json</summary>
        public string SchemaFileName => Path.GetFileNameWithoutExtension(File.Replace("<", "").Replace(">", "")) + ".schema.json";
    }

    public static IReadOnlyList<Entry> Entries { get; } =
    [
        new("run.json", typeof(RunInfo), "The load run: the scenario as resolved, target, seed, times, phases and steps, totals, thresholds."),
        new("metrics.json", typeof(MetricsFile), "CloudWatch series pulled for the run's window (loadlab collect)."),
        new("analysis.json", typeof(AnalysisFile), "The fit, the knee and the sustainable load at the SLO (loadlab analyze)."),
        new("recommendation.json", typeof(RecommendationFile), "The recommended scaling policy as AWS API requests, with basis and cost (loadlab analyze)."),
        new("simulation.json", typeof(SimulationFile), "The policy backtest (loadlab simulate)."),
        new("verdict.json", typeof(Verdict), "The machine-readable verdict of the report (loadlab report)."),
        new("verify.json", typeof(VerifyFile), "The closed-loop check (loadlab verify)."),
        new("compare.json", typeof(ComparisonResult), "A run against its baseline (loadlab compare, run --baseline, report --baseline)."),
        new("trend.json", typeof(TrendResult), "Runs of one scenario over time (loadlab trend)."),
        new("<summary-export>.json", typeof(SummaryExport), "The end-of-test summary (--summary-export PATH on run, report and merge)."),
    ];

    public static Entry For(string file) => Entries.Single(e => e.File == file);

    /// <summary>The schema of <paramref name="entry"/> as committed under schemas/: draft 2020-12, indented, one trailing newline.</summary>
    public static string Generate(Entry entry)
    {
        var body = JsonSchemaExporter.GetJsonSchemaAsNode(LoadLabJson.Options, entry.Type,
            new JsonSchemaExporterOptions { TreatNullObliviousAsNonNullable = true });
        var schema = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["title"] = entry.File,
            ["description"] = entry.Description + " Generated from LoadLab's " + entry.Type.Name + " record; do not edit by hand.",
        };
        foreach (var (key, value) in body.AsObject().ToList())
        {
            body.AsObject().Remove(key);
            schema[key] = value;
        }
        DropNullableFromRequired(schema);
        return schema.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    /// <summary>
    /// LoadLab's files leave nulls out (<see cref="LoadLabJson.Options"/>): a property that may be null may be absent,
    /// so it is not required, even when the record takes it as a constructor parameter.
    /// </summary>
    private static void DropNullableFromRequired(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["properties"] is JsonObject props && o["required"] is JsonArray required)
                {
                    foreach (var name in required.Select(r => r!.GetValue<string>()).ToList())
                        if (MayBeNull(props[name]))
                            required.Remove(required.First(r => r!.GetValue<string>() == name));
                    if (required.Count == 0) o.Remove("required");
                }
                foreach (var (_, child) in o.ToList()) DropNullableFromRequired(child);
                break;
            case JsonArray a:
                foreach (var child in a.ToList()) DropNullableFromRequired(child);
                break;
        }
    }

    private static bool MayBeNull(JsonNode? schema) => schema switch
    {
        null => true,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonObject o => o["type"] switch
        {
            JsonArray types => types.Any(t => t?.GetValue<string>() == "null"),
            JsonValue t => t.GetValue<string>() == "null",
            _ => !o.ContainsKey("type") && !o.ContainsKey("$ref") && !o.ContainsKey("properties") && !o.ContainsKey("enum"),
        },
        _ => false,
    };

    /// <summary>The committed schema, parsed for validation.</summary>
    public static JsonSchema Load(Entry entry) => JsonSchema.FromText(File.ReadAllText(Path.Combine(ChildProcess.RepoRoot, "schemas", entry.SchemaFileName)));

    /// <summary>Validates a written file against its committed schema; the failures with their locations, none when it is valid.</summary>
    public static IReadOnlyList<string> Validate(Entry entry, string jsonFile)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(jsonFile));
        var result = Load(entry).Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid) return [];
        return [.. (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{jsonFile}{d.InstanceLocation}: {e.Key}: {e.Value} (schema {d.EvaluationPath})"))];
    }

    /// <summary>Every JSON file of LoadLab's in a run directory (and its verify/), with its schema entry.</summary>
    public static IEnumerable<(Entry Entry, string Path)> FilesIn(string runDirectory)
    {
        foreach (var e in Entries.Where(e => !e.File.StartsWith('<')))
        {
            var path = System.IO.Path.Combine(runDirectory, e.File);
            if (System.IO.File.Exists(path)) yield return (e, path);
        }
        var nested = System.IO.Path.Combine(runDirectory, "verify", "verify.json");
        if (System.IO.File.Exists(nested)) yield return (For("verify.json"), nested);
    }
}
