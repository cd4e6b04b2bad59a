using LoadLab.Telemetry.Jsonl;
using LoadLab.Telemetry.Sinks;

namespace LoadLab.Telemetry.Dashboard;

/// <summary>
/// <c>--dashboard[=:PORT]</c>: the run's seconds and events as server-sent events to every open dashboard page
/// (<see cref="DashboardServer"/>). The server outlives the load, so the page can link the report the later stages
/// write; it stops when the session is disposed.
/// </summary>
public sealed class DashboardSink : BoundedSink
{
    private readonly DashboardServer _server;

    public DashboardSink(int port, int capacity, TimeProvider time) : base("dashboard", capacity, time) =>
        _server = DashboardServer.Start(port);

    public Uri Url => _server.Url;

    /// <summary>Where the report will be (the run directory's report.html); served at /report once it exists.</summary>
    public string? RunDirectory { get; private set; }

    protected override ValueTask HandleAsync(TelemetryItem item)
    {
        if (item is TelemetryItem.RunStarted s)
        {
            RunDirectory = s.RunDirectory;
            _server.ReportPath = Path.Combine(s.RunDirectory, "report.html");
        }
        var name = item switch
        {
            TelemetryItem.RunStarted => "run",
            TelemetryItem.Second => "second",
            TelemetryItem.RunFinished => "end",
            _ => "note",
        };
        _server.Publish(name, TelemetryJson.Line(item), keep: item is not TelemetryItem.Second);
        return ValueTask.CompletedTask;
    }

    protected override async ValueTask CloseAsync() => await _server.DisposeAsync().ConfigureAwait(false);
}
