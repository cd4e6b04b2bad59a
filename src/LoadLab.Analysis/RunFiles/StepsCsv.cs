using LoadLab.Core.Errors;
using LoadLab.Core.RunFiles;

namespace LoadLab.Analysis.RunFiles;

/// <summary>
/// Reads <c>steps.csv</c> into <see cref="StepRow"/>s and writes the server-side columns back into the same table.
/// Column names follow LoadLab's snake_case convention for <see cref="StepRow"/> members (step, start_utc, end_utc,
/// offered_rps, achieved_rps, ..., client_p90_ms, client_slo_percentile_ms (the SLO's own percentile), instances, invocations_per_instance_per_min, server_model_latency_ms,
/// server_overhead_latency_ms, cpu_pct); matching ignores case and underscores.
/// A blank latency cell (a step with no successful request) reads as NaN.
/// </summary>
public static class StepsCsv
{
    public static readonly string[] Columns =
    [
        "step", "start_utc", "end_utc", "offered_rps", "achieved_rps", "requests", "ok", "errors", "dropped", "error_rate_fraction",
        "client_p50_ms", "client_p90_ms", "client_p99_ms", "client_slo_percentile_ms", "instances", "invocations_per_instance_per_min",
        "server_model_latency_ms", "server_overhead_latency_ms", "cpu_pct",
    ];

    public static IReadOnlyList<StepRow> Read(CsvTable t)
    {
        int step = Require(t, "step"), start = Require(t, "start_utc"), end = Require(t, "end_utc");
        int offered = t.IndexOf("offered_rps"), achieved = t.IndexOf("achieved_rps"), requests = t.IndexOf("requests"),
            ok = t.IndexOf("ok"), errors = t.IndexOf("errors"), dropped = t.IndexOf("dropped"), errorRate = t.IndexOf("error_rate_fraction"),
            p50 = t.IndexOf("client_p50_ms"), p90 = t.IndexOf("client_p90_ms"), p99 = t.IndexOf("client_p99_ms"), sloP = t.IndexOf("client_slo_percentile_ms"),
            inst = t.IndexOf("instances"), ipi = t.IndexOf("invocations_per_instance_per_min"),
            model = t.IndexOf("server_model_latency_ms"), overhead = t.IndexOf("server_overhead_latency_ms"), cpu = t.IndexOf("cpu_pct");
        var rows = new List<StepRow>();
        foreach (var r in t.Rows)
        {
            var s = t.Number(r, step, "step") ?? throw Missing(t, r, step, "step");
            long okN = (long)(t.Number(r, ok, "ok") ?? 0), errN = (long)(t.Number(r, errors, "errors") ?? 0);
            long reqN = (long)(t.Number(r, requests, "requests") ?? okN + errN);
            rows.Add(new StepRow
            {
                Step = (int)s,
                StartUtc = t.Time(r, start, "start_utc") ?? throw Missing(t, r, start, "start_utc"),
                EndUtc = t.Time(r, end, "end_utc") ?? throw Missing(t, r, end, "end_utc"),
                OfferedRps = t.Number(r, offered, "offered_rps") ?? double.NaN,
                AchievedRps = t.Number(r, achieved, "achieved_rps") ?? double.NaN,
                Requests = reqN,
                Ok = okN,
                Errors = errN,
                Dropped = (long)(t.Number(r, dropped, "dropped") ?? 0),
                ErrorRateFraction = t.Number(r, errorRate, "error_rate_fraction") ?? (reqN > 0 ? (double)errN / reqN : double.NaN),
                ClientP50Ms = t.Number(r, p50, "client_p50_ms") ?? double.NaN,
                ClientP90Ms = t.Number(r, p90, "client_p90_ms") ?? double.NaN,
                ClientP99Ms = t.Number(r, p99, "client_p99_ms") ?? double.NaN,
                ClientSloPercentileMs = t.Number(r, sloP, "client_slo_percentile_ms"),
                Instances = t.Number(r, inst, "instances"),
                InvocationsPerInstancePerMin = t.Number(r, ipi, "invocations_per_instance_per_min"),
                ServerModelLatencyMs = t.Number(r, model, "server_model_latency_ms"),
                ServerOverheadLatencyMs = t.Number(r, overhead, "server_overhead_latency_ms"),
                CpuPct = t.Number(r, cpu, "cpu_pct"),
            });
        }
        return rows;
    }

    /// <summary>
    /// Writes the server-side columns of <paramref name="enriched"/> into <paramref name="t"/> (rows matched by step
    /// number), adding the columns when the engine did not write them; every other cell is left as it was.
    /// </summary>
    public static void FillServerColumns(CsvTable t, IReadOnlyList<StepRow> enriched)
    {
        int step = Require(t, "step");
        int inst = t.EnsureColumn("instances"), ipi = t.EnsureColumn("invocations_per_instance_per_min"),
            model = t.EnsureColumn("server_model_latency_ms"), overhead = t.EnsureColumn("server_overhead_latency_ms"),
            cpu = t.EnsureColumn("cpu_pct");
        var byStep = enriched.ToDictionary(s => s.Step);
        foreach (var r in t.Rows)
        {
            var n = (int)(t.Number(r, step, "step") ?? -1);
            if (!byStep.TryGetValue(n, out var s)) continue;
            r.Cells[inst] = CsvFormat.Number(s.Instances);
            r.Cells[ipi] = CsvFormat.Number(s.InvocationsPerInstancePerMin);
            r.Cells[model] = CsvFormat.Number(s.ServerModelLatencyMs);
            r.Cells[overhead] = CsvFormat.Number(s.ServerOverheadLatencyMs);
            r.Cells[cpu] = CsvFormat.Number(s.CpuPct);
        }
    }

    /// <summary>A fresh steps.csv (used when only timeline.csv exists and steps are rebuilt from it).</summary>
    public static string Write(IReadOnlyList<StepRow> steps)
    {
        var t = CsvTable.Empty("steps.csv", Columns);
        foreach (var s in steps)
            t.Rows.Add(new CsvRecord(0,
            [
                s.Step.ToString(System.Globalization.CultureInfo.InvariantCulture), CsvFormat.Time(s.StartUtc), CsvFormat.Time(s.EndUtc),
                CsvFormat.Number(s.OfferedRps), CsvFormat.Number(s.AchievedRps), s.Requests.ToString(System.Globalization.CultureInfo.InvariantCulture),
                s.Ok.ToString(System.Globalization.CultureInfo.InvariantCulture), s.Errors.ToString(System.Globalization.CultureInfo.InvariantCulture),
                s.Dropped.ToString(System.Globalization.CultureInfo.InvariantCulture), CsvFormat.Number(s.ErrorRateFraction),
                CsvFormat.Number(s.ClientP50Ms), CsvFormat.Number(s.ClientP90Ms), CsvFormat.Number(s.ClientP99Ms),
                CsvFormat.Number(s.ClientSloPercentileMs), CsvFormat.Number(s.Instances), CsvFormat.Number(s.InvocationsPerInstancePerMin),
                CsvFormat.Number(s.ServerModelLatencyMs), CsvFormat.Number(s.ServerOverheadLatencyMs), CsvFormat.Number(s.CpuPct),
            ]));
        return t.ToCsv();
    }

    private static int Require(CsvTable t, string name)
    {
        int i = t.IndexOf(name);
        if (i < 0) throw new UserInputException([new Problem(t.FilePath, 1, 1, name, $"the header has no '{name}' column")]);
        return i;
    }

    private static UserInputException Missing(CsvTable t, CsvRecord r, int col, string field) =>
        new([new Problem(t.FilePath, r.Line, col + 1, field, "the value is empty")]);
}
