using LoadLab.Engine.Progress;
using LoadLab.Core.Text;
using Spectre.Console;
using static LoadLab.Engine.Progress.ProgressText;

namespace LoadLab.Cli.Progress;

/// <summary>
/// A live Spectre.Console panel for terminals: phase, intended / offered / achieved rate, p50/p99, errors, drops,
/// in-flight and time left, redrawn twice a second from the latest snapshot (the request path never touches it).
/// </summary>
public sealed class LiveProgress(IAnsiConsole console, TimeProvider time) : IRunProgress
{
    private volatile ProgressSnapshot? _latest;
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private string _title = "";

    /// <summary>Spectre writes straight to the terminal, past the CLI's safe writer: strings from files are neutralised here.</summary>
    private static string Text(string? s) => Markup.Escape(SafeText.Neutralize(s));

    public static IRunProgress ForConsole(TextWriter output, TimeProvider time) =>
        !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive
            ? new LiveProgress(AnsiConsole.Console, time)
            : new PlainProgress(output);

    public void Started(string scenario, string target, string runDirectory, TimeSpan duration)
    {
        _title = $"{scenario} → {target}";
        console.MarkupLine($"[bold]loadlab[/] running [green]{Text(scenario)}[/] against {Text(target)} for {Format(duration)}");
        console.MarkupLine($"run directory: {Text(runDirectory)}");
        _loop = console.Live(Render(null)).AutoClear(false).StartAsync(async ctx =>
        {
            while (!_stop.IsCancellationRequested)
            {
                ctx.UpdateTarget(Render(_latest));
                try { await Task.Delay(TimeSpan.FromMilliseconds(500), time, _stop.Token).ConfigureAwait(false); }
                catch (OperationCanceledException) { break; }
            }
            ctx.UpdateTarget(Render(_latest));
        });
    }

    public void Report(ProgressSnapshot snapshot) => _latest = snapshot;

    // Printed under the panel when the run ends: writing while the live panel redraws would tear it.
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _warnings = new();

    public void Warning(string message) => _warnings.Enqueue(message);

    public void Finished(string summary)
    {
        _stop.Cancel();
        try { _loop?.Wait(TimeSpan.FromSeconds(2)); }
        catch (AggregateException) { }
        while (_warnings.TryDequeue(out var w)) console.MarkupLine($"[yellow]warning:[/] {Text(w)}");
        console.WriteLine(summary);
    }

    private Table Render(ProgressSnapshot? s)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(Text(_title));
        foreach (var c in new[] { "elapsed", "phase", "intended/s", "offered/s", "achieved/s", "p50", "p99", "errors", "dropped", "in flight", "left" })
            table.AddColumn(new TableColumn(c).RightAligned());
        if (s is null) return table;
        var errors = s.TotalErrors > 0 ? $"[red]{s.TotalErrors}[/]" : "0";
        table.AddRow(
            Format(s.Elapsed), Text(s.Draining ? "draining" : s.Phase), s.IntendedRps.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture),
            s.OfferedRps.ToString("0", System.Globalization.CultureInfo.InvariantCulture),
            s.AchievedRps.ToString("0", System.Globalization.CultureInfo.InvariantCulture), Ms(s.P50Ms), Ms(s.P99Ms),
            errors, s.Dropped.ToString(System.Globalization.CultureInfo.InvariantCulture),
            s.InFlight.ToString(System.Globalization.CultureInfo.InvariantCulture), Format(s.Remaining));
        return table;
    }
}
