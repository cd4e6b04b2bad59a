using System.Globalization;
using System.Text.Json;
using LoadLab.Core.RunFiles;
using LoadLab.Core.Scenarios;

namespace LoadLab.Analysis.Recommend;

/// <summary>
/// Finds the per-minute trace a replay phase used, from the scenario recorded in run.json: the trace embedded
/// there (phases[].trace.counts). A trace file outside the run directory is not read (analyze reads only the run
/// directory, so its output never depends on the working directory or on a file changed since the run): a note
/// says so, and the traffic profile comes from the run's own offered load.
/// </summary>
public static class TraceLocator
{
    public static MinuteTrace? Find(RunInfo run, List<string> notes)
    {
        if (run.Scenario is not { ValueKind: JsonValueKind.Object } scenario) return null;
        if (!TryGet(scenario, "load", out var load) || !TryGet(load, "phases", out var phases) || phases.ValueKind != JsonValueKind.Array) return null;
        foreach (var phase in phases.EnumerateArray())
        {
            if (!TryGet(phase, "shape", out var shape) || !string.Equals(shape.ToString(), "replay", StringComparison.OrdinalIgnoreCase)) continue;
            double scale = TryGet(phase, "scale", out var sc) && sc.ValueKind == JsonValueKind.Number ? sc.GetDouble() : 1;
            if (TryGet(phase, "trace", out var trace) && TryGet(trace, "counts", out var counts) && counts.ValueKind == JsonValueKind.Array)
            {
                double intervalS = TryGet(trace, "interval", out var iv) && TimeSpan.TryParse(iv.ToString(), CultureInfo.InvariantCulture, out var ts) ? ts.TotalSeconds : 60;
                if (Math.Abs(intervalS - 60) > 0.5) { notes.Add("the replayed trace is not per-minute: no traffic profile taken from it"); return null; }
                DateTimeOffset? first = TryGet(trace, "first_timestamp", out var ft) && TryTime(ft.ToString(), out var t) ? t : null;
                return new MinuteTrace(counts.EnumerateArray().Select(c => c.GetDouble()).ToList(), first, "the replayed trace", scale);
            }
            if (TryGet(phase, "file", out var file) && file.ValueKind == JsonValueKind.String)
            {
                // A stage reads its declared inputs only: the run directory (and explicit options). The trace file
                // lies outside it and may have changed since the run (run.json's inputs record its SHA-256).
                notes.Add($"the replayed trace '{file.GetString()}' is outside the run directory, which is all analyze reads: the traffic profile comes from the run's own offered load");
                return null;
            }
        }
        return null;
    }

    /// <summary>Reads a per-minute trace (the replay CSV format, <see cref="ReplayTraceReader"/>).</summary>
    public static MinuteTrace ReadCsv(string path, double scale = 1) =>
        ToMinutes(ReplayTraceReader.Read(path), scale, []) ?? throw new LoadLab.Core.Errors.UserInputException(path, "", "the trace is not per-minute");

    private static MinuteTrace? ToMinutes(ReplayTrace trace, double scale, List<string> notes)
    {
        if (trace.Interval != TimeSpan.FromMinutes(1)) { notes.Add("the replayed trace is not per-minute: no traffic profile taken from it"); return null; }
        return new MinuteTrace(trace.Counts, trace.StartUtc, Path.GetFileName(trace.SourcePath), scale);
    }

    private static bool TryTime(string s, out DateTimeOffset t) =>
        DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out t);

    private static bool TryGet(JsonElement e, string name, out JsonElement value)
    {
        value = default;
        if (e.ValueKind != JsonValueKind.Object) return false;
        foreach (var p in e.EnumerateObject())
            if (string.Equals(p.Name.Replace("_", ""), name.Replace("_", ""), StringComparison.OrdinalIgnoreCase)) { value = p.Value; return true; }
        return false;
    }
}
