using LoadLab.Core.Errors;

namespace LoadLab.Core.RunFiles;

/// <summary>
/// The one refusal of a provisional run.json (written when the load starts, replaced when the run finishes its files):
/// it has no totals, thresholds or end, so any stage that judged it would read "no thresholds, passed". Every reader
/// that judges, merges or compares runs calls this instead of reading such a run as a finished one.
/// </summary>
public static class ProvisionalRun
{
    /// <summary>The reason, as every refusal words it (tests and users search for "run.json is provisional").</summary>
    public const string Reason =
        "run.json is provisional: the run is still running, or was stopped before it wrote its final files (a second Ctrl-C or SIGTERM, or the process was killed), " +
        "so there are no totals, thresholds or steps; timeline.csv and latency.hlog hold what was measured, but no stage judges a run whose end is unknown";

    public static bool Is(RunInfo? run) => run?.Provisional == true;

    /// <param name="runJson">The run.json path, named in the message.</param>
    /// <param name="what">What the caller does instead, appended to the reason (e.g. how to merge without this shard).</param>
    /// <exception cref="UserInputException"><paramref name="run"/> is provisional.</exception>
    public static void Refuse(string runJson, RunInfo? run, string? what = null)
    {
        if (Is(run)) throw new UserInputException(runJson, "provisional", what is null ? Reason : $"{Reason}; {what}");
    }
}
