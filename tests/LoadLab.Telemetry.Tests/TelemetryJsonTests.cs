using System.Text.Json;
using LoadLab.Core.RunFiles;
using LoadLab.Engine.Progress;
using LoadLab.Telemetry.Jsonl;
using LoadLab.Telemetry.Sinks;

namespace LoadLab.Telemetry.Tests;

/// <summary>A second's line carries the timeline row's own numbers, under names that say their units.</summary>
public sealed class TelemetryJsonTests
{
    [Fact]
    public void A_second_is_the_timeline_row_with_unit_names()
    {
        var row = new TimelineRow
        {
            TimeUtc = DateTimeOffset.Parse("2026-01-02T03:04:05Z", System.Globalization.CultureInfo.InvariantCulture),
            Offered = 120, Started = 119, Completed = 118, Ok = 110, Err5xx = 5, ErrThrottle = 3, Dropped = 1, Late = 7, InFlight = 4,
            P50Ms = 12.5, P90Ms = 30, P99Ms = double.NaN,
        };
        var snapshot = new ProgressSnapshot(TimeSpan.FromSeconds(12), TimeSpan.FromSeconds(60), "phase 2 (steps)", 120, 118, 125,
            row.P50Ms, row.P99Ms, row.Errors, row.Dropped, row.InFlight, 1500, 40, false) { Row = row, Step = 2, Instances = 3 };

        var line = TelemetryJson.Line(new TelemetryItem.Second(snapshot, row.TimeUtc.AddSeconds(1)));
        Assert.DoesNotContain('\n', line);
        var json = JsonDocument.Parse(line).RootElement;

        Assert.Equal("second", json.GetProperty("type").GetString());
        Assert.Equal(12, json.GetProperty("elapsed_s").GetDouble());
        Assert.Equal(3, json.GetProperty("step_number").GetInt32());
        Assert.Equal(125, json.GetProperty("intended_rps").GetDouble());
        Assert.Equal(118, json.GetProperty("achieved_rps").GetDouble());
        Assert.Equal(118, json.GetProperty("completed").GetInt64());
        Assert.Equal(12.5, json.GetProperty("p50_ms").GetDouble());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("p99_ms").ValueKind);
        Assert.Equal(8, json.GetProperty("errors").GetInt64());
        Assert.Equal(5, json.GetProperty("errors_by_class").GetProperty("5xx").GetInt64());
        Assert.Equal(3, json.GetProperty("errors_by_class").GetProperty("throttle").GetInt64());
        Assert.Equal(7, json.GetProperty("late").GetInt64());
        Assert.Equal(3, json.GetProperty("instances").GetInt32());
        Assert.Equal(1500, json.GetProperty("total_completed").GetInt64());
    }

    [Fact]
    public void An_event_names_its_number()
    {
        var line = TelemetryJson.Line(new TelemetryItem.Note(new RunEvent(TimeSpan.FromSeconds(30), "scaling_sample", "2 instance(s)") { Value = 2 },
            DateTimeOffset.UnixEpoch));
        var json = JsonDocument.Parse(line).RootElement;
        Assert.Equal("scaling_sample", json.GetProperty("type").GetString());
        Assert.Equal(2, json.GetProperty("instances").GetDouble());
        Assert.Equal(30, json.GetProperty("elapsed_s").GetDouble());
    }
}
