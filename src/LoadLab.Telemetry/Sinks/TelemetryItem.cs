using LoadLab.Engine.Progress;

namespace LoadLab.Telemetry.Sinks;

/// <summary>What the run tells an output, in order: its start, every second, its events, its end.</summary>
public abstract record TelemetryItem
{
    public sealed record RunStarted(string Scenario, string Target, string RunDirectory, TimeSpan Duration) : TelemetryItem;
    public sealed record Second(ProgressSnapshot Snapshot, DateTimeOffset TimeUtc) : TelemetryItem;
    public sealed record Note(RunEvent Event, DateTimeOffset TimeUtc) : TelemetryItem;
    public sealed record RunFinished(string Summary, DateTimeOffset TimeUtc) : TelemetryItem;
}
