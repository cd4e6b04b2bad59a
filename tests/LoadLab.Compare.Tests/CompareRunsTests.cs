using System.Text.Json;
using HdrHistogram;
using System.Xml.Linq;
using LoadLab.Compare.Exporters;
using LoadLab.Core.Json;
using LoadLab.Core.RunFiles;
using LoadLab.Compare.Model;
using Xunit.Abstractions;

namespace LoadLab.Compare.Tests;

/// <summary>Real runs against the sim endpoint compared as a CI pipeline would, through the CLI and its exit codes.</summary>
[Collection(SimRunsCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class CompareRunsTests(SimRuns runs, ITestOutputHelper output)
{
    private (int Code, string Out, string Err) Loadlab(params string[] args) => CliRun.Run(output, args);

    private string Out(string name) => Path.Combine(runs.Root, "out-" + name);

    [Fact]
    public void Same_seed_on_the_same_fleet_is_no_regression()
    {
        var (code, _, _) = Loadlab("compare", runs.Baseline, runs.SameFleet, "--out", Out("same"));
        var c = LoadLabJson.Deserialize<ComparisonResult>(File.ReadAllText(Path.Combine(Out("same"), CompareJson.FileName)));
        Assert.True(code == 0, File.ReadAllText(Path.Combine(Out("same"), CompareMarkdown.FileName)));
        Assert.False(c.Regression);
        Assert.Equal(3, c.Steps.Count);
        Assert.Equal([5.0, 15.0, 25.0], c.Steps.Select(s => s.OfferedPerS));
        // Every default threshold judged on every step and overall (sustainable: overall only, from both analyses).
        Assert.Equal(RegressionThresholdCount(), c.Thresholds.Count);
        Assert.All(c.Thresholds.Where(t => t.Metric != "sustainable"), t => Assert.Equal(4, t.Checks.Count));
    }

    private static int RegressionThresholdCount() => Thresholds.RegressionThreshold.DefaultExpressions.Count;

    [Fact]
    public void A_baseline_with_twice_the_capacity_names_the_latency_regression()
    {
        var outDir = Out("half");
        var (code, stdout, _) = Loadlab("compare", runs.Baseline, runs.HalfFleet, "--out", outDir);
        output.WriteLine(File.ReadAllText(Path.Combine(outDir, CompareMarkdown.FileName)));
        Assert.Equal(1, code);
        var c = LoadLabJson.Deserialize<ComparisonResult>(File.ReadAllText(Path.Combine(outDir, CompareJson.FileName)));
        Assert.True(c.Regression);
        Assert.Contains("p(90) < baseline * 1.10", c.Regressions);
        Assert.Contains("REGRESSION p(90) < baseline * 1.10", stdout);

        // The overloaded last step (25 requests/s on 20 of capacity) is where it regressed, with a tiny p-value.
        var p90 = c.Thresholds.Single(t => t.Expression == "p(90) < baseline * 1.10");
        var last = p90.Checks.Single(k => k.Step == 2);
        Assert.True(last.Regression);
        Assert.True(last.PValue < 1e-6, $"p = {last.PValue}");
        Assert.True(last.ObservedMs > last.LimitMs);

        // The numbers are the run files' own: the step's p90 is that of latency.hlog's untagged intervals inside the
        // step's steady window in run.json (summed here independently), its requests are steps.csv's ok + errors.
        var info = LoadLabJson.Deserialize<RunInfo>(File.ReadAllText(Path.Combine(runs.HalfFleet, "run.json")));
        var window = info.Steps.Single(w => w.Index == 2);
        var expected = new LongHistogram(1, 3_600_000_000, 3);
        using (var log = File.OpenRead(Path.Combine(runs.HalfFleet, "latency.hlog")))
            foreach (var h in new HistogramLogReader(log).ReadHistograms())
                if (string.IsNullOrEmpty(h.Tag) && h.StartTimeStamp >= window.SteadyStartUtc.ToUnixTimeMilliseconds()
                    && h.StartTimeStamp < window.EndUtc.ToUnixTimeMilliseconds())
                    expected.Add(h);
        var step = c.Steps.Single(s => s.Step == 2);
        Assert.Equal(expected.GetValueAtPercentile(90) / 1000.0, step.Latency.Run.P90Ms);
        Assert.Equal(last.ObservedMs, step.Latency.Run.P90Ms);
        var row = StepsCsv.Read(Path.Combine(runs.HalfFleet, "steps.csv")).Single(r => r.Step == 2);
        Assert.Equal(row.Ok + row.Errors, step.Latency.Run.Requests);
        // analysis.json's sustainable load is what compare shows for each side.
        var analysis = LoadLabJson.Deserialize<AnalysisFile>(File.ReadAllText(Path.Combine(runs.HalfFleet, "analysis.json")));
        Assert.Equal(analysis.SustainableIpm, c.Analysis.Run.SustainablePerInstancePerMin);

        // JUnit: one testcase per threshold, the regressed one failing with the step named.
        var junit = XDocument.Load(Path.Combine(outDir, CompareJunit.FileName));
        var cases = junit.Descendants("testcase").ToList();
        Assert.Equal(c.Thresholds.Count, cases.Count);
        var failure = cases.Single(t => (string?)t.Attribute("name") == "p(90) < baseline * 1.10").Element("failure");
        Assert.NotNull(failure);
        Assert.Contains("step 2", (string?)failure!.Attribute("message"));
        Assert.Contains("REGRESSION", File.ReadAllText(Path.Combine(outDir, CompareHtml.FileName)));
    }

    [Fact]
    public void Json_field_names_carry_their_units()
    {
        var outDir = Out("units");
        Loadlab("compare", runs.Baseline, runs.HalfFleet, "--out", outDir, "--format", "json");
        Assert.Equal([CompareJson.FileName], Directory.GetFiles(outDir).Select(Path.GetFileName));
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, CompareJson.FileName)));
        var step = doc.RootElement.GetProperty("steps")[0];
        Assert.True(step.TryGetProperty("offered_per_s", out _));
        var side = step.GetProperty("latency").GetProperty("run");
        foreach (var name in new[] { "p50_ms", "p90_ms", "p99_ms", "avg_ms", "error_rate_fraction", "requests", "errors" })
            Assert.True(side.TryGetProperty(name, out _), name);
        var check = doc.RootElement.GetProperty("thresholds")[0].GetProperty("checks")[0];
        Assert.True(check.TryGetProperty("observed_ms", out _));
        Assert.True(check.TryGetProperty("limit_ms", out _));
        Assert.False(check.TryGetProperty("observed_fraction", out _));
        Assert.True(doc.RootElement.TryGetProperty("significance_level_fraction", out _));
    }

    [Fact]
    public void A_baseline_of_another_scenario_is_refused_and_nothing_is_written()
    {
        var other = CopyRun(runs.Baseline, "other-scenario", n => n["scenario_name"] = "another-scenario");
        var outDir = Out("other");
        var (code, _, err) = Loadlab("compare", other, runs.SameFleet, "--out", outDir);
        Assert.Equal(2, code);
        Assert.Contains($"{Path.Combine(runs.SameFleet, "run.json")}: scenario_name:", err);
        Assert.Contains("'another-scenario'", err);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void A_different_ladder_is_refused_with_the_step_located()
    {
        var other = CopyRun(runs.Baseline, "other-ladder", n => n["steps"]![1]!["target_rate"] = 16.0);
        var (code, _, err) = Loadlab("compare", other, runs.SameFleet, "--out", Out("ladder"));
        Assert.Equal(2, code);
        Assert.Contains("steps[1]: step 1 offers 15/s, the baseline's step 1 16/s", err);
        Assert.False(Directory.Exists(Out("ladder")));
    }

    [Fact]
    public void A_missing_directory_and_a_bad_threshold_are_bad_input_and_write_nothing()
    {
        var missing = Path.Combine(runs.Root, "no-such-run");
        var (code, _, err) = Loadlab("compare", missing, runs.SameFleet);
        Assert.Equal(2, code);
        Assert.Contains($"{missing}: the baseline run directory does not exist", err);

        (code, _, err) = Loadlab("compare", runs.Baseline, runs.SameFleet, "--threshold", "p(90) < baseline * x");
        Assert.Equal(2, code);
        Assert.Contains("--threshold: p(90) < baseline * x: column 20: expected a positive number after '*'", err);
        Assert.False(File.Exists(Path.Combine(runs.SameFleet, CompareJson.FileName)));
    }

    [Fact]
    public void An_interrupted_run_is_compared_for_what_it_measured_and_exits_4()
    {
        var cut = CopyRun(runs.SameFleet, "interrupted", n => { n["interrupted"] = true; n["interrupt_reason"] = "SIGTERM"; });
        var (code, stdout, _) = Loadlab("compare", runs.Baseline, cut, "--out", Out("interrupted"), "--format", "json");
        Assert.Equal(4, code);
        Assert.Contains("the run was interrupted (SIGTERM)", stdout);
        var c = LoadLabJson.Deserialize<ComparisonResult>(File.ReadAllText(Path.Combine(Out("interrupted"), CompareJson.FileName)));
        Assert.True(c.Interrupted);
        Assert.True(c.Run.Interrupted);
    }

    private string CopyRun(string from, string name, Action<System.Text.Json.Nodes.JsonNode> edit)
    {
        var to = Path.Combine(runs.Root, name);
        Directory.CreateDirectory(to);
        foreach (var f in Directory.GetFiles(from)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)), overwrite: true);
        var runJson = Path.Combine(to, "run.json");
        var node = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(runJson))!;
        edit(node);
        File.WriteAllText(runJson, node.ToJsonString());
        return to;
    }
}
