using System.Globalization;
using LoadLab.Core.Json;
using LoadLab.Core.RunFiles.Csv;

namespace LoadLab.Core.RunFiles;

/// <summary>
/// <c>steps.csv</c>: one <see cref="StepRow"/> per steady step. The engine writes every column and leaves the
/// server-side ones empty (<c>client_slo_percentile_ms</c> is the step's latency at the SLO's percentile, which run.json
/// names, so a p95 SLO is judged on p95 and not on the nearest fixed column); step aggregation (after collect) fills them in place (<see cref="FillServerColumns"/>).
/// Reading: step, start_utc and end_utc are required; an empty latency or rate reads as NaN (a step with no
/// successful request); a missing <c>requests</c> is ok + errors and a missing <c>error_rate</c> errors / requests.
/// Rates, counts and latencies must be finite and not negative, and <c>error_rate_fraction</c> a fraction.
/// </summary>
public static class StepsCsv
{
    private static readonly (string Name, Func<StepRow, string> Cell)[] Columns =
    [
        ("step", s => s.Step.ToString(CultureInfo.InvariantCulture)),
        ("start_utc", s => CsvFormat.Time(s.StartUtc)),
        ("end_utc", s => CsvFormat.Time(s.EndUtc)),
        ("offered_rps", s => CsvFormat.Number(s.OfferedRps)),
        ("achieved_rps", s => CsvFormat.Number(s.AchievedRps)),
        ("requests", s => CsvFormat.Count(s.Requests)),
        ("ok", s => CsvFormat.Count(s.Ok)),
        ("errors", s => CsvFormat.Count(s.Errors)),
        ("dropped", s => CsvFormat.Count(s.Dropped)),
        ("error_rate_fraction", s => CsvFormat.Number(s.ErrorRateFraction)),
        ("client_p50_ms", s => CsvFormat.Number(s.ClientP50Ms)),
        ("client_p90_ms", s => CsvFormat.Number(s.ClientP90Ms)),
        ("client_p99_ms", s => CsvFormat.Number(s.ClientP99Ms)),
        ("client_slo_percentile_ms", s => CsvFormat.Number(s.ClientSloPercentileMs)),
        ("instances", s => CsvFormat.Number(s.Instances)),
        ("invocations_per_instance_per_min", s => CsvFormat.Number(s.InvocationsPerInstancePerMin)),
        ("server_model_latency_ms", s => CsvFormat.Number(s.ServerModelLatencyMs)),
        ("server_overhead_latency_ms", s => CsvFormat.Number(s.ServerOverheadLatencyMs)),
        ("cpu_pct", s => CsvFormat.Number(s.CpuPct)),
    ];

    private static readonly string[] ServerColumns =
        ["instances", "invocations_per_instance_per_min", "server_model_latency_ms", "server_overhead_latency_ms", "cpu_pct"];

    // The names before the columns said their unit, so older run directories still read (and are filled in place).
    private static readonly string[] OldErrorRate = ["error_rate"], OldCpu = ["cpu_percent"];

    private static readonly string[][] Required = [["step"], ["start_utc"], ["end_utc"]];

    public static string Header { get; } = string.Join(',', Columns.Select(c => c.Name));

    public static IReadOnlyList<StepRow> Read(string path) => CsvRowReader.Read(path, Required, Row);

    public static IReadOnlyList<StepRow> Parse(string source, string text) => CsvRowReader.Parse(source, text, Required, Row);

    /// <summary>The file's text; the <see cref="TokenCells"/> columns follow the others when any row has them (streaming runs).</summary>
    public static string Format(IEnumerable<StepRow> rows)
    {
        var list = rows as IReadOnlyList<StepRow> ?? rows.ToList();
        var streaming = list.Any(r => r.Tokens is not null);
        var names = Columns.Select(c => c.Name).Concat(streaming ? TokenCells.Columns.Select(c => c.Name) : []);
        return CsvRowWriter.Format(names, list.Select(r =>
            Columns.Select(c => c.Cell(r)).Concat(streaming ? TokenCells.Columns.Select(c => c.Cell(r.Tokens)) : [])));
    }

    public static void Write(string path, IEnumerable<StepRow> rows) => AtomicFile.WriteAllText(path, Format(rows));

    /// <summary>
    /// Writes the server-side columns of <paramref name="enriched"/> into <paramref name="sheet"/> (rows matched by
    /// step number), adding the columns when the engine did not write them; every other cell is left as it was.
    /// </summary>
    public static void FillServerColumns(CsvSheet sheet, IReadOnlyList<StepRow> enriched)
    {
        var step = sheet.IndexOf("step");
        var byStep = enriched.ToDictionary(s => s.Step.ToString(CultureInfo.InvariantCulture));
        var targets = ServerColumns.Select(name => (Index: sheet.EnsureColumn(name, name == "cpu_pct" ? OldCpu : []),
            Columns.First(c => c.Name == name).Cell)).ToList();
        foreach (var r in sheet.Rows)
        {
            if (step < 0 || !byStep.TryGetValue(r[step], out var s)) continue;
            foreach (var (index, cell) in targets) r[index] = cell(s);
        }
    }

    private static StepRow Row(CsvRowReader r)
    {
        long ok = r.Count("ok") ?? 0, errors = r.Count("errors") ?? 0;
        var requests = r.Count("requests") ?? ok + errors;
        var errorRate = r.NonNegative("error_rate_fraction", OldErrorRate) ?? (requests > 0 ? (double)errors / requests : double.NaN);
        if (errorRate > 1)
            throw r.Problem("error_rate_fraction", OldErrorRate, $"{errorRate.ToString(CultureInfo.InvariantCulture)} is not a fraction between 0 and 1");
        var step = r.Required(r.Count("step"), "step");
        return new StepRow
        {
            Step = step <= int.MaxValue ? (int)step : throw r.Problem("step", [], "is too large"),
            StartUtc = r.Required(r.Time("start_utc"), "start_utc"),
            EndUtc = r.Required(r.Time("end_utc"), "end_utc"),
            OfferedRps = r.NonNegative("offered_rps") ?? double.NaN,
            AchievedRps = r.NonNegative("achieved_rps") ?? double.NaN,
            Requests = requests,
            Ok = ok,
            Errors = errors,
            Dropped = r.Count("dropped") ?? 0,
            ErrorRateFraction = errorRate,
            ClientP50Ms = r.NonNegative("client_p50_ms") ?? double.NaN,
            ClientP90Ms = r.NonNegative("client_p90_ms") ?? double.NaN,
            ClientP99Ms = r.NonNegative("client_p99_ms") ?? double.NaN,
            ClientSloPercentileMs = r.NonNegative("client_slo_percentile_ms"),
            Instances = r.NonNegative("instances"),
            InvocationsPerInstancePerMin = r.NonNegative("invocations_per_instance_per_min", "ipm", "ipi"),
            ServerModelLatencyMs = r.NonNegative("server_model_latency_ms"),
            ServerOverheadLatencyMs = r.NonNegative("server_overhead_latency_ms"),
            CpuPct = r.NonNegative("cpu_pct", OldCpu),
            Tokens = TokenCells.Read(r),
        };
    }
}
