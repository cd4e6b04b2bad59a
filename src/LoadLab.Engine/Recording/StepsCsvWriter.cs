using System.Globalization;
using System.Text;
using LoadLab.Core.Json;
using LoadLab.Core.RunFiles;

namespace LoadLab.Engine.Recording;

/// <summary>
/// Writes <c>steps.csv</c> (one row per steady step) with every <see cref="StepRow"/> column; the engine fills the
/// client-side ones and leaves the server-side ones empty for step aggregation (after collect) to fill.
/// <c>client_slo_percentile_ms</c> is the step's latency at the SLO's percentile, which run.json names
/// (<c>slo.latency_percentile</c>), so a p95 SLO is judged on p95 and not on the nearest fixed column.
/// </summary>
public static class StepsCsvWriter
{
    public static readonly string Header =
        "step,start_utc,end_utc,offered_rps,achieved_rps,requests,ok,errors,dropped,error_rate_fraction,client_p50_ms,client_p90_ms,client_p99_ms," +
        "client_slo_percentile_ms," +
        "instances,invocations_per_instance_per_min,server_model_latency_ms,server_overhead_latency_ms,cpu_pct";

    public static string Format(IEnumerable<StepRow> rows)
    {
        var sb = new StringBuilder().Append(Header).Append('\n');
        foreach (var r in rows)
        {
            sb.AppendJoin(',',
                r.Step.ToString(CultureInfo.InvariantCulture), CsvFormat.Time(r.StartUtc), CsvFormat.Time(r.EndUtc),
                CsvFormat.Number(r.OfferedRps), CsvFormat.Number(r.AchievedRps), L(r.Requests), L(r.Ok), L(r.Errors), L(r.Dropped),
                CsvFormat.Number(r.ErrorRateFraction), CsvFormat.Number(r.ClientP50Ms), CsvFormat.Number(r.ClientP90Ms),
                CsvFormat.Number(r.ClientP99Ms), CsvFormat.Number(r.ClientSloPercentileMs), CsvFormat.Number(r.Instances), CsvFormat.Number(r.InvocationsPerInstancePerMin),
                CsvFormat.Number(r.ServerModelLatencyMs), CsvFormat.Number(r.ServerOverheadLatencyMs), CsvFormat.Number(r.CpuPct));
            sb.Append('\n');
        }
        return sb.ToString();
    }

    public static void Write(string path, IEnumerable<StepRow> rows) => AtomicFile.WriteAllText(path, Format(rows));

    private static string L(long v) => v.ToString(CultureInfo.InvariantCulture);
}
