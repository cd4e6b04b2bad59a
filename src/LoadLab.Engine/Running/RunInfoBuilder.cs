using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using LoadLab.Core.Json;
using LoadLab.Core.RunFiles;
using LoadLab.Core.Scenarios;

namespace LoadLab.Engine.Running;

/// <summary>Pure helpers that turn a scenario and a profile into the parts of run.json.</summary>
public static class RunInfoBuilder
{
    public static string DefaultToolVersion =>
        typeof(RunInfoBuilder).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split('+')[0]
        ?? typeof(RunInfoBuilder).Assembly.GetName().Version?.ToString() ?? "0";

    /// <summary>
    /// The scenario as resolved, for run.json: every field with its defaults, but without the payload bodies and
    /// replay traces the loader read (their file names and paths are kept), so run.json stays small.
    /// </summary>
    public static JsonElement ResolvedScenario(Scenario scenario)
    {
        var node = JsonSerializer.SerializeToNode(scenario, LoadLabJson.Options)!;
        if (node["payload"] is JsonObject payload) payload.Remove("bodies");
        if (node["load"]?["phases"] is JsonArray phases)
            foreach (var phase in phases.OfType<JsonObject>()) phase.Remove("trace");
        return JsonSerializer.SerializeToElement(node, LoadLabJson.Options);
    }

    public static IReadOnlyList<PhaseWindow> Phases(RateProfile profile, DateTimeOffset startUtc) =>
        profile.Phases.Select(p => new PhaseWindow(p.Index, p.Shape.ToString().ToLowerInvariant(), startUtc + p.Start, startUtc + p.End)).ToList();

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
            var stop = startUtc + TimeSpan.FromSeconds(stopAtS);
            return window with { SteadyStartUtc = stop < window.SteadyStartUtc ? stop : window.SteadyStartUtc, EndUtc = stop, PlannedEndUtc = window.EndUtc };
        }).ToList();
}
