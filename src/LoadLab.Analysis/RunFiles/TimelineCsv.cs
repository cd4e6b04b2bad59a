using LoadLab.Core.RunFiles;

namespace LoadLab.Analysis.RunFiles;

/// <summary>Reads <c>timeline.csv</c> (one row per second) into <see cref="TimelineRow"/>s; columns matched as in <see cref="CsvTable"/>.</summary>
public static class TimelineCsv
{
    public static IReadOnlyList<TimelineRow> Read(CsvTable t)
    {
        int time = t.IndexOf("time_utc");
        if (time < 0)
            throw new LoadLab.Core.Errors.UserInputException([new LoadLab.Core.Errors.Problem(t.FilePath, 1, 1, "time_utc", "the header has no 'time_utc' column")]);
        string[] names = ["offered", "started", "completed", "ok", "err_model", "err_throttle", "err_5xx", "err_4xx", "err_timeout",
            "err_connection", "dropped", "late", "in_flight", "p50_ms", "p90_ms", "p99_ms"];
        int[] c = names.Select(t.IndexOf).ToArray();
        var rows = new List<TimelineRow>(t.Rows.Count);
        foreach (var r in t.Rows)
        {
            long L(int i, string f) => (long)(t.Number(r, c[i], f) ?? 0);
            double D(int i, string f) => t.Number(r, c[i], f) ?? double.NaN;
            var at = t.Time(r, time, "time_utc");
            if (at is null) continue;
            rows.Add(new TimelineRow
            {
                TimeUtc = at.Value,
                Offered = L(0, "offered"), Started = L(1, "started"), Completed = L(2, "completed"), Ok = L(3, "ok"),
                ErrModel = L(4, "err_model"), ErrThrottle = L(5, "err_throttle"), Err5xx = L(6, "err_5xx"), Err4xx = L(7, "err_4xx"),
                ErrTimeout = L(8, "err_timeout"), ErrConnection = L(9, "err_connection"), Dropped = L(10, "dropped"), Late = L(11, "late"),
                InFlight = L(12, "in_flight"), P50Ms = D(13, "p50_ms"), P90Ms = D(14, "p90_ms"), P99Ms = D(15, "p99_ms"),
            });
        }
        return rows;
    }
}
