using System.Buffers;
using System.Text;
using System.Text.Json;
using LoadLab.Core.RunFiles;
using LoadLab.Telemetry.Sinks;

namespace LoadLab.Telemetry.Jsonl;

/// <summary>
/// One JSON object per telemetry item, on one line: the shape of the jsonl output and of the dashboard's events.
/// Every number says its unit in its name (<c>_s</c>, <c>_ms</c>, <c>_rps</c>; counts are plain nouns). A second's
/// counts are that second's (the timeline.csv row); <c>total_</c> counts are since the start. NaN (no request
/// completed) is written as null. Utf8JsonWriter writes numbers culture-free.
/// </summary>
public static class TelemetryJson
{
    public static string Line(TelemetryItem item)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            switch (item)
            {
                case TelemetryItem.RunStarted s:
                    w.WriteString("type", "run_start");
                    w.WriteString("scenario", s.Scenario);
                    w.WriteString("target", s.Target);
                    w.WriteString("run_directory", s.RunDirectory);
                    w.WriteNumber("duration_s", s.Duration.TotalSeconds);
                    break;
                case TelemetryItem.Second s:
                    WriteSecond(w, s);
                    break;
                case TelemetryItem.Note n:
                    w.WriteString("type", n.Event.Kind);
                    w.WriteString("time_utc", n.TimeUtc);
                    w.WriteNumber("elapsed_s", Math.Round(n.Event.Elapsed.TotalSeconds, 3));
                    w.WriteString("detail", n.Event.Detail);
                    if (n.Event.Value is { } v) w.WriteNumber(ValueName(n.Event.Kind), v);
                    break;
                case TelemetryItem.RunFinished f:
                    w.WriteString("type", "run_end");
                    w.WriteString("time_utc", f.TimeUtc);
                    w.WriteString("summary", f.Summary);
                    break;
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The number an event carries, named for what it counts.</summary>
    private static string ValueName(string kind) => kind switch
    {
        "scaling_sample" => "instances",
        "phase_start" => "phase_number",
        _ => "value",
    };

    private static void WriteSecond(Utf8JsonWriter w, TelemetryItem.Second s)
    {
        var p = s.Snapshot;
        w.WriteString("type", "second");
        w.WriteString("time_utc", s.TimeUtc);
        w.WriteNumber("elapsed_s", Math.Round(p.Elapsed.TotalSeconds, 3));
        w.WriteNumber("duration_s", p.Duration.TotalSeconds);
        w.WriteString("phase", p.Phase);
        if (p.Step >= 0) w.WriteNumber("step_number", p.Step + 1); else w.WriteNull("step_number");
        w.WriteNumber("intended_rps", Math.Round(p.IntendedRps, 3));
        w.WriteNumber("offered_rps", Math.Round(p.OfferedRps, 3));
        w.WriteNumber("achieved_rps", Math.Round(p.AchievedRps, 3));
        Number(w, "p50_ms", p.P50Ms);
        Number(w, "p90_ms", p.Row?.P90Ms ?? double.NaN);
        Number(w, "p99_ms", p.P99Ms);
        var row = p.Row;
        if (row is not null)
        {
            w.WriteNumber("offered", row.Offered);
            w.WriteNumber("started", row.Started);
            w.WriteNumber("completed", row.Completed);
            w.WriteNumber("ok", row.Ok);
        }
        w.WriteNumber("errors", p.Errors);
        w.WriteStartObject("errors_by_class");
        if (row is not null) foreach (var (name, count) in ErrorsByClass(row)) w.WriteNumber(name, count);
        w.WriteEndObject();
        w.WriteNumber("dropped", p.Dropped);
        if (row is not null) w.WriteNumber("late", row.Late);
        w.WriteNumber("in_flight", p.InFlight);
        if (p.Instances is { } n) w.WriteNumber("instances", n); else w.WriteNull("instances");
        w.WriteNumber("total_completed", p.TotalCompleted);
        w.WriteNumber("total_errors", p.TotalErrors);
        w.WriteBoolean("draining", p.Draining);
    }

    /// <summary>The timeline row's error columns, by the names timeline.csv gives them.</summary>
    public static IEnumerable<(string Name, long Count)> ErrorsByClass(TimelineRow row)
    {
        yield return ("model", row.ErrModel);
        yield return ("throttle", row.ErrThrottle);
        yield return ("5xx", row.Err5xx);
        yield return ("4xx", row.Err4xx);
        yield return ("timeout", row.ErrTimeout);
        yield return ("connection", row.ErrConnection);
    }

    private static void Number(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value)) w.WriteNumber(name, Math.Round(value, 3));
        else w.WriteNull(name);
    }
}
