using System.Globalization;
using LoadLab.Engine.Progress;
using static LoadLab.Engine.Progress.ProgressText;

namespace LoadLab.Cli.Progress;

/// <summary>Periodic plain lines (every <paramref name="every"/>, default 5 s) for logs and pipes.</summary>
public sealed class PlainProgress(TextWriter output, TimeSpan? every = null) : IRunProgress
{
    private readonly TimeSpan _every = every ?? TimeSpan.FromSeconds(5);
    private TimeSpan _next;

    public void Started(string scenario, string target, string runDirectory, TimeSpan duration)
    {
        output.WriteLine($"loadlab: running '{scenario}' against {target} for {Format(duration)} -> {runDirectory}");
        output.Flush();
    }

    public void Report(ProgressSnapshot s)
    {
        if (s.Elapsed < _next) return;
        _next = s.Elapsed + _every;
        output.WriteLine(Line(s));
        output.Flush();
    }

    public void Finished(string summary)
    {
        output.WriteLine(summary);
        output.Flush();
    }

    public void Warning(string message)
    {
        output.WriteLine($"warning: {message}");
        output.Flush();
    }

    public static string Line(ProgressSnapshot s) => string.Create(CultureInfo.InvariantCulture,
        $"[{Format(s.Elapsed)}/{Format(s.Duration)}] {(s.Draining ? "draining" : s.Phase)}: intended {s.IntendedRps:0.#}/s offered {s.OfferedRps:0}/s " +
        $"achieved {s.AchievedRps:0}/s p50 {Ms(s.P50Ms)} p99 {Ms(s.P99Ms)} errors {s.Errors} dropped {s.Dropped} in-flight {s.InFlight} " +
        $"left {Format(s.Remaining)}");
}
