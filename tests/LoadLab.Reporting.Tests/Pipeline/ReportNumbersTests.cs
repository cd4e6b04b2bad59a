using System.Globalization;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using LoadLab.Reporting.Exporters;
using static LoadLab.Reporting.Tests.Pipeline.ReportTruthTests;

namespace LoadLab.Reporting.Tests.Pipeline;

/// <summary>
/// The rest of the report's numbers on the real pipeline's run, each against the file it comes from, read raw by the
/// field name that states its unit: every column of the steps table, the Fit rows (sustainable, interval, knee), the
/// recommendation's KPIs, every column of the backtest table and the "Model vs this run" table.
/// </summary>
[Collection(RealPipelineCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class ReportNumbersTests(RealPipelineRun run, Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;
    private static string N(double v, int d = 1) => v.ToString("#,0." + new string('#', d), C);
    private static string N(JsonElement e, int d = 1) => e.ValueKind == JsonValueKind.Number ? N(e.GetDouble(), d) : "–";

    private JsonElement Json(string name) => JsonDocument.Parse(File.ReadAllText(run.File(name))).RootElement;
    private IDocument Page() => new HtmlParser().ParseDocument(File.ReadAllText(run.File("report.html")));

    [Fact]
    public void Every_steps_table_column_is_steps_csv_in_its_unit_and_completed_and_ok_rps_are_told_apart()
    {
        var csv = ReadCsv(run.File("steps.csv"));
        var (header, rows) = HtmlTable(run.File("report.html"), "#tables table");
        var md = MarkdownTable(run.File("summary.md"), "## Steps");
        string Num(string v, int d = 1) => v.Length == 0 ? "–" : N(double.Parse(v, C), d);
        var columns = new (string Column, Func<Dictionary<string, string>, string> Expected)[]
        {
            ("Step", r => r["step"]),
            ("Offered rps", r => Num(r["offered_rps"])),
            ("Completed rps", r => Num(r["achieved_rps"])),
            ("Ok rps", r => N(double.Parse(r["ok"], C) / (DateTimeOffset.Parse(r["end_utc"], C) - DateTimeOffset.Parse(r["start_utc"], C)).TotalSeconds)),
            ("Instances", r => Num(r["instances"], 0)),
            ("IPI", r => Num(r["invocations_per_instance_per_min"], 0)),
            ("p50 ms", r => Num(r["client_p50_ms"])),
            ("p90 ms", r => Num(r["client_p90_ms"])),
            ("p99 ms", r => Num(r["client_p99_ms"])),
            ("ModelLatency ms", r => Num(r["server_model_latency_ms"])),
            ("Errors", r => (double.Parse(r["error_rate_fraction"], C) * 100).ToString("0.##", C) + " %"),
            ("CPU %", r => Num(r["cpu_pct"])),
        };
        Assert.Equal(columns.Select(c => c.Column), header);
        Assert.Equal(header, md.Header);
        for (int r = 0; r < csv.Count; r++)
            for (int i = 0; i < columns.Length; i++)
            {
                Assert.Equal(columns[i].Expected(csv[r]), rows[r][i]);
                Assert.Equal(columns[i].Expected(csv[r]), md.Rows[r][i]);
            }
        // The run shed load: completed (ok + errors) and ok differ at the last steps, and the chart draws the ok ones.
        int completed = header.IndexOf("Completed rps"), ok = header.IndexOf("Ok rps");
        Assert.Contains(rows, r => r[completed] != r[ok]);
        Assert.Contains("ok (succeeded) peak", Page().QuerySelector("#chart-rate img")!.GetAttribute("alt") ?? "");
    }

    [Fact]
    public void Fit_rows_show_analysis_json_sustainable_interval_and_knee_with_the_interval_method()
    {
        var a = Json("analysis.json");
        var doc = Page();
        var fit = IntervalAndChartTruthTests.FitRows(doc);
        Assert.True(fit.ContainsKey("Knee") && fit.ContainsKey("Sustainable at the SLO"), "Fit rows: " + string.Join(", ", fit.Keys));
        Assert.Equal(a.TryGetProperty("knee_ipm", out var knee) ? N(knee, 0) + " IPI" : "–", fit["Knee"]);
        double s = a.GetProperty("sustainable_ipm").GetDouble();
        if (a.TryGetProperty("sustainable_is_lower_bound", out var lb) && lb.GetBoolean())
        {
            // Every step met the SLO: no interval is claimed.
            Assert.StartsWith($"at least {N(s, 0)} IPI", fit["Sustainable at the SLO"]);
            Assert.False(fit.ContainsKey("Interval") || fit.ContainsKey("Confidence interval"));
            return;
        }
        string method = a.TryGetProperty("sustainable_ipm_ci_method", out var mm) ? mm.GetString()! : "";
        string note = a.TryGetProperty("sustainable_ipm_ci_note", out var nn) ? nn.GetString()! : "";
        JsonElement lo = default, hi = default;
        bool hasBand = a.TryGetProperty("sustainable_ci_low_ipm", out lo) && a.TryGetProperty("sustainable_ci_high_ipm", out hi) && hi.GetDouble() > lo.GetDouble();
        string interval = !hasBand ? ""
            : method == "step_bracket"
                ? $" (between steps {StepAt(a, lo.GetDouble())} and {StepAt(a, hi.GetDouble())}: {N(lo, 0)}–{N(hi, 0)} IPI, measured bracket)"
                : $" (95 % CI {N(lo, 0)}–{N(hi, 0)})";
        Assert.Equal($"{N(s, 0)} IPI{interval}", fit["Sustainable at the SLO"]);
        Assert.Contains($"Sustainable load at the SLO: {N(s, 0)} IPI{interval}", doc.QuerySelector("#verdict .basis")!.TextContent);
        Assert.True(fit.ContainsKey("Interval") || fit.ContainsKey("Confidence interval"), "Fit rows: " + string.Join(", ", fit.Keys));
        var row = fit.GetValueOrDefault("Interval") ?? fit["Confidence interval"];
        output.WriteLine($"sustainable {s} IPI; interval method '{method}'; report: {fit["Sustainable at the SLO"]}; {row}");
        if (method == "step_bracket") Assert.Equal("measured bracket, not a confidence interval: " + note, fit["Interval"]);
        else if (hasBand) Assert.Equal("95 % CI, every step's requests resampled: " + note, fit["Confidence interval"]);
        else Assert.StartsWith("none", row);
        Assert.DoesNotContain("95 % CI", method == "step_bracket" ? IntervalAndChartTruthTests.StripGuide(doc) : "");
    }

    private static int StepAt(JsonElement a, double ipm) =>
        a.GetProperty("points").EnumerateArray().MinBy(p => Math.Abs(p.GetProperty("ipm").GetDouble() - ipm)).GetProperty("step").GetInt32();

    [Fact]
    public void Recommendation_kpis_are_recommendation_json_with_their_units()
    {
        var r = Json("recommendation.json");
        var policy = r.GetProperty("PutScalingPolicy").EnumerateArray().First(p => p.GetProperty("PolicyType").GetString() == "TargetTrackingScaling");
        var tt = policy.GetProperty("TargetTrackingScalingPolicyConfiguration");
        var target = r.GetProperty("RegisterScalableTarget");
        var kpis = Page().QuerySelectorAll("#verdict dl.kpis div").ToDictionary(d => d.QuerySelector("dt")!.TextContent, d => (V: d.QuerySelector(".v")!.TextContent, Note: d.QuerySelector(".n")!.TextContent));
        Assert.Equal(N(tt.GetProperty("TargetValue"), 0), kpis["Target"].V);
        Assert.Equal("invocations per instance per minute", kpis["Target"].Note);
        Assert.Equal($"{tt.GetProperty("ScaleOutCooldown").GetInt32()} s / {tt.GetProperty("ScaleInCooldown").GetInt32()} s", kpis["Cooldowns"].V);
        Assert.Equal($"{target.GetProperty("MinCapacity").GetInt32()} – {target.GetProperty("MaxCapacity").GetInt32()}", kpis["Instances"].V);
        bool priced = r.TryGetProperty("cost", out var cost) && cost.TryGetProperty("cost_per_hour_at_peak_usd", out _);
        Assert.Equal(priced ? "$" + cost.GetProperty("cost_per_hour_at_peak_usd").GetDouble().ToString("#,0.00", C) + " / h" : "–", kpis["Expected cost"].V);
    }

    [Fact]
    public void Every_backtest_column_is_simulation_json_in_its_unit_with_the_pessimistic_fleet_beside_the_nominal()
    {
        var sim = Json("simulation.json");
        var (header, rows) = HtmlTable(run.File("report.html"), "#backtest table.candidates");
        var md = MarkdownTable(run.File("summary.md"), "### Candidates");
        string Pct(JsonElement e, string f) => e.TryGetProperty(f, out var v) ? Math.Round(v.GetDouble(), 1).ToString("0.#", C) + " %" : "–";
        var columns = new (string Column, Func<JsonElement, string> Expected)[]
        {
            ("Target", c => N(c.GetProperty("target_value"), 0)),
            ("Cooldown out/in s", c => $"{c.GetProperty("scale_out_cooldown_s").GetInt32()}/{c.GetProperty("scale_in_cooldown_s").GetInt32()}"),
            ("SLO-violation min", c => N(c.GetProperty("slo_violation_minutes"))),
            ("SLO-violation min (pessimistic fleet)", c => c.TryGetProperty("slo_violation_minutes_pessimistic", out var p) ? N(p) : "–"),
            ("Worst latency ms", c => N(c.GetProperty("worst_latency_ms"))),
            ("Instance-hours", c => N(c.GetProperty("instance_hours"))),
            ("Cost", c => c.TryGetProperty("cost_usd", out var u) ? "$" + u.GetDouble().ToString("#,0.00", C) : "–"),
            ("Scale out/in", c => $"{c.GetProperty("scale_outs").GetInt32()}/{c.GetProperty("scale_ins").GetInt32()}"),
            ("Under-prov. accuracy", c => Pct(c.GetProperty("elasticity"), "under_accuracy_pct")),
            ("Over-prov. accuracy", c => Pct(c.GetProperty("elasticity"), "over_accuracy_pct")),
            ("Under timeshare", c => Pct(c.GetProperty("elasticity"), "under_timeshare_pct")),
            ("Over timeshare", c => Pct(c.GetProperty("elasticity"), "over_timeshare_pct")),
            ("Jitter /h", c => N(c.GetProperty("elasticity").GetProperty("jitter_per_hour"), 2)),
        };
        Assert.Equal(header.Skip(1), columns.Select(c => c.Column));
        Assert.Equal(header, md.Header);
        var candidates = sim.GetProperty("candidates").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        Assert.NotEmpty(rows);
        foreach (var (row, mdRow) in rows.Zip(md.Rows))
        {
            var name = row[0].Split(" (")[0];
            var c = candidates[name];
            for (int i = 0; i < columns.Length; i++)
            {
                Assert.Equal(columns[i].Expected(c), row[i + 1]);
                Assert.Equal(columns[i].Expected(c), mdRow[i + 1]);
            }
        }
        // The run shed load and the analysis gave an interval: the pessimistic fleet was run and its minutes are shown.
        Assert.True(sim.TryGetProperty("pessimistic_fleet", out _), "simulation.json has no pessimistic_fleet on a run past capacity");
        Assert.Contains(rows, r => r[header.IndexOf("SLO-violation min (pessimistic fleet)")] != "–");
    }

    [Fact]
    public void Model_vs_this_run_cells_are_simulation_json_model_error_and_the_fitted_queue()
    {
        var sim = Json("simulation.json");
        var e = sim.GetProperty("model_error");
        var p = e.GetProperty("latency_percentile").GetDouble().ToString("0.###", C);
        var (header, rows) = HtmlTable(run.File("report.html"), "#backtest table.model-error");
        var md = MarkdownTable(run.File("summary.md"), "### Model vs this run");
        Assert.Equal(["Step", "Offered IPI", $"Predicted p{p} ms", $"Measured p{p} ms", "Latency error %", "Predicted errors", "Measured errors", "Error-rate error (points)"], header);
        Assert.Equal(header, md.Header);
        var steps = e.GetProperty("steps").EnumerateArray().OrderBy(s => s.GetProperty("step").GetInt32()).ToList();
        Assert.Equal(steps.Count, rows.Count);
        string Pct(JsonElement s, string f) => (s.GetProperty(f).GetDouble() * 100).ToString("0.##", C) + " %";
        for (int r = 0; r < steps.Count; r++)
        {
            var s = steps[r];
            string[] expected =
            [
                s.GetProperty("step").GetInt32().ToString(C), N(s.GetProperty("offered_ipm"), 0), N(s.GetProperty("predicted_latency_ms")), N(s.GetProperty("measured_latency_ms")),
                s.GetProperty("latency_error_pct").GetDouble().ToString("0.#", C) + " %", Pct(s, "predicted_error_rate_fraction"), Pct(s, "measured_error_rate_fraction"),
                N(s.GetProperty("error_rate_error_fraction").GetDouble() * 100, 2),
            ];
            Assert.Equal(expected, rows[r]);
            Assert.Equal(expected, md.Rows[r]);
        }
        var text = Page().QuerySelector("#backtest")!.TextContent;
        Assert.Contains($"Largest latency error {e.GetProperty("max_abs_latency_error_pct").GetDouble().ToString("0.#", C)} %, largest error-rate error {N(e.GetProperty("max_abs_error_rate_error_fraction").GetDouble() * 100, 2)} percentage points", text);
        output.WriteLine($"model error: max |latency error| {e.GetProperty("max_abs_latency_error_pct")} %, max |error-rate error| {e.GetProperty("max_abs_error_rate_error_fraction")} over {steps.Count} steps");
        var fleet = sim.GetProperty("fleet");
        Assert.True(fleet.TryGetProperty("queue_full_wait_s", out var wait), "the run shed load, so simulate fitted a queue limit");
        Assert.Contains($"a full queue waits {N(wait.GetDouble() * 1000, 0)} ms (full-queue wait {N(wait, 3)} s", text);
        Assert.Contains($"a full queue waits {N(wait.GetDouble() * 1000, 0)} ms", File.ReadAllText(run.File("summary.md")));
    }
}
