using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using LoadLab.Core.Json;
using LoadLab.Core.RunFiles;
using LoadLab.Core.Scenarios;

namespace LoadLab.Engine.Running;

/// <summary>Pure helpers that turn a scenario and a profile into the parts of run.json.</summary>
public static class RunInfoBuilder
{
    /// <summary>What run.json shows for every header value.</summary>
    public const string RedactedHeader = "(redacted)";

    public static string DefaultToolVersion => ToolVersion.Of(typeof(RunInfoBuilder).Assembly);

    /// <summary>
    /// The scenario as resolved, for run.json: every field with its defaults, but without the payload bodies and
    /// replay traces the loader read (their file names and paths are kept), so run.json stays small. Header values
    /// are replaced by <see cref="RedactedHeader"/>: they often carry a token (from a <c>${NAME}</c> the file never held).
    /// </summary>
    public static JsonElement ResolvedScenario(Scenario scenario)
    {
        var node = JsonSerializer.SerializeToNode(scenario, LoadLabJson.Options)!;
        if (node["target"]?["headers"] is JsonObject headers)
            foreach (var name in headers.Select(h => h.Key).ToList()) headers[name] = RedactedHeader;
        if (node["payload"] is JsonObject payload) payload.Remove("bodies");
        if (node["load"]?["phases"] is JsonArray phases)
            foreach (var phase in phases.OfType<JsonObject>()) phase.Remove("trace");
        return JsonSerializer.SerializeToElement(node, LoadLabJson.Options);
    }

    /// <summary>
    /// The external files of a scenario (itself, its payload file, folder files or JSON lines, its replayed traces)
    /// with their resolved paths and SHA-256, for run.json's <c>inputs</c>.
    /// </summary>
    public static IReadOnlyList<RunInput> Inputs(Scenario scenario)
    {
        var inputs = new List<RunInput>();
        void Add(string role, string? path)
        {
            if (path is null || !File.Exists(path) || inputs.Any(i => i.Path == Path.GetFullPath(path))) return;
            var bytes = File.ReadAllBytes(path);
            inputs.Add(new RunInput(role, Path.GetFullPath(path), Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes.LongLength));
        }
        Add("scenario", scenario.SourcePath);
        if (scenario.Payload is { } payload)
        {
            Add("payload", payload.File);
            Add("payload", payload.Jsonl);
            if (payload.Folder is { } folder)
                foreach (var body in payload.Bodies) Add("payload", Path.Combine(folder, body.Source));
        }
        foreach (var phase in scenario.Load.Phases) Add("replay_trace", phase.Trace?.SourcePath);
        return inputs;
    }

    public static IReadOnlyList<PhaseWindow> Phases(RateProfile profile, DateTimeOffset startUtc) =>
        profile.PhaseWindows(startUtc);

    /// <summary>Step windows; SteadyStartUtc is after the warm-up, which analysis excludes.</summary>
    public static IReadOnlyList<StepWindow> Steps(RateProfile profile, DateTimeOffset startUtc) =>
        Steps(profile, startUtc, double.PositiveInfinity);

    /// <summary>
    /// The windows of the steps that ran when the load stopped <paramref name="stopAtS"/> seconds after its start: a
    /// step cut by the stop ends there (its planned end kept beside), and a step that had not begun is not listed.
    /// </summary>
    public static IReadOnlyList<StepWindow> Steps(RateProfile profile, DateTimeOffset startUtc, double stopAtS) =>
        profile.Steps.Where(s => s.StartSeconds < stopAtS).Select(s =>
        {
            var window = new StepWindow(s.Index, s.PhaseIndex, s.TargetRate, startUtc + s.Start, startUtc + s.SteadyStart, startUtc + s.End);
            if (s.EndSeconds <= stopAtS) return window;
            var stop = startUtc + WholeMilliseconds(stopAtS);
            return window with { SteadyStartUtc = stop < window.SteadyStartUtc ? stop : window.SteadyStartUtc, EndUtc = stop, PlannedEndUtc = window.EndUtc };
        }).ToList();

    /// <summary>
    /// A stop time in seconds as whole milliseconds: 5.377 s is not exact in binary, and TimeSpan.FromSeconds would
    /// give 5.3769999 s, a tick off the millisecond that steps.csv writes.
    /// </summary>
    public static TimeSpan WholeMilliseconds(double seconds) => TimeSpan.FromMilliseconds(Math.Round(seconds * 1000));
}
