using System.Text.Json;
using LoadLab.Cli.Tests.Schemas;
using Xunit.Abstractions;

namespace LoadLab.Cli.Tests.Pipeline;

/// <summary>
/// LoadLab in a CI job, process by process: the gate's exit codes, JUnit that a JUnit reader accepts, the summary
/// export, the comparison with a baseline, bad input refused with exit 2 and nothing written, and every JSON file
/// the real pipeline wrote valid against schemas/.
/// </summary>
[Collection(CiPipelineCollection.Name)]
public sealed class CiPipelineTests(CiPipelineRuns runs, ITestOutputHelper output)
{
    private const string Threshold = "p(90) < baseline * 2";

    private void Log()
    {
        foreach (var (name, r) in runs.Runs) output.WriteLine($"== {name} -> {r.Code}\n{r.Out}{r.Err}");
    }

    [Fact]
    public void A_passing_run_exits_0_and_writes_junit_a_junit_reader_accepts()
    {
        Log();
        Assert.Equal(0, runs.Runs["baseline"].Code);
        var cases = JunitReader.Read(Path.Combine(runs.Baseline, "report.junit.xml"));
        // One testcase per threshold, one for the SLO, one for the closed-loop check (skipped: there is no verify.json).
        Assert.Equal(["p(99) < 1000", "errors < 5%"], cases.Where(c => c.ClassName.StartsWith("loadlab.thresholds.", StringComparison.Ordinal)).Select(c => c.Name));
        Assert.All(cases.Where(c => c.ClassName.StartsWith("loadlab.thresholds.", StringComparison.Ordinal)), c => Assert.Equal("passed", c.Outcome));
        Assert.Equal("passed", cases.Single(c => c.ClassName.StartsWith("loadlab.slo.", StringComparison.Ordinal)).Outcome);
        var closedLoop = cases.Single(c => c.ClassName.StartsWith("loadlab.closed_loop.", StringComparison.Ordinal));
        Assert.Equal("skipped", closedLoop.Outcome);
        Assert.Contains("verify.json", closedLoop.Message);
    }

    [Fact]
    public void A_run_that_breaks_a_threshold_exits_1_and_its_junit_failure_carries_the_observed_value()
    {
        Log();
        Assert.Equal(1, runs.Runs["half-fleet"].Code);
        var failed = JunitReader.Read(Path.Combine(runs.HalfFleet, "report.junit.xml")).Single(c => c.Name == "p(99) < 1000");
        Assert.Equal("failed", failed.Outcome);
        // The observed p99 in the message is run.json's, to the digit.
        using var run = JsonDocument.Parse(File.ReadAllText(Path.Combine(runs.HalfFleet, "run.json")));
        var observed = run.RootElement.GetProperty("thresholds").EnumerateArray().Single(t => t.GetProperty("expression").GetString() == "p(99) < 1000")
            .GetProperty("observed").GetDouble();
        Assert.True(observed >= 1000, $"the one-instance fleet was overloaded, p99 {observed} ms");
        Assert.Contains($"observed {observed.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)}", failed.Message);
    }

    [Fact]
    public void The_summary_export_holds_the_runs_totals_and_percentiles_under_unit_names()
    {
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(runs.Root, "baseline-summary.json")));
        using var run = JsonDocument.Parse(File.ReadAllText(Path.Combine(runs.Baseline, "run.json")));
        var s = summary.RootElement;
        var totals = run.RootElement.GetProperty("totals");
        Assert.Equal(CiPipelineRuns.Scenario, s.GetProperty("scenario_name").GetString());
        Assert.Equal(11, s.GetProperty("seed").GetInt64());
        Assert.Equal("pass", s.GetProperty("status").GetString());
        Assert.Equal(totals.GetProperty("completed").GetInt64(), s.GetProperty("requests").GetProperty("completed").GetInt64());
        Assert.Equal(totals.GetProperty("p90_ms").GetDouble(), s.GetProperty("latency").GetProperty("p90_ms").GetDouble());
        Assert.Equal(totals.GetProperty("p99_ms").GetDouble(), s.GetProperty("latency").GetProperty("p99_ms").GetDouble());
        var duration = (run.RootElement.GetProperty("end_utc").GetDateTimeOffset() - run.RootElement.GetProperty("start_utc").GetDateTimeOffset()).TotalSeconds;
        Assert.Equal(totals.GetProperty("completed").GetInt64() / duration, s.GetProperty("throughput_per_s").GetDouble(), 6);
        Assert.Equal(2, s.GetProperty("thresholds").GetArrayLength());
    }

    [Fact]
    public async Task A_corrupt_run_directory_exits_2()
    {
        var corrupt = Path.Combine(runs.Root, "corrupt");
        Directory.CreateDirectory(corrupt);
        foreach (var f in Directory.GetFiles(runs.Baseline)) File.Copy(f, Path.Combine(corrupt, Path.GetFileName(f)));
        File.WriteAllText(Path.Combine(corrupt, "run.json"), "{ \"scenario_name\": ");
        var r = await LoadlabProcess.RunAsync(runs.Root, output, "report", corrupt, "--format", "junit");
        Assert.Equal(2, r.Code);
        Assert.Contains("run.json", r.Err);
    }

    [Fact]
    public async Task Compare_passes_against_the_same_seed_and_fails_against_twice_the_capacity_naming_the_regression()
    {
        // A tolerance a shared CI machine can hold: three processes at once on two cores differ by tens of per cent
        // by chance; half the capacity makes the overloaded steps several times slower.
        string[] threshold = ["--threshold", Threshold, "--threshold", "sustainable > baseline * 0.80"];
        var same = await LoadlabProcess.RunAsync(runs.Root, output, ["compare", runs.Baseline, runs.SameFleet, "--out", Path.Combine(runs.Root, "cmp-same"), .. threshold]);
        Assert.Equal(0, same.Code);
        Assert.Contains("compare: no regression", same.Out, StringComparison.OrdinalIgnoreCase);

        var half = await LoadlabProcess.RunAsync(runs.Root, output, ["compare", runs.Baseline, runs.HalfFleet, "--out", Path.Combine(runs.Root, "cmp-half"), .. threshold]);
        Assert.Equal(1, half.Code);
        Assert.Contains($"REGRESSION {Threshold}", half.Out);
        var regressed = JunitReader.Read(Path.Combine(runs.Root, "cmp-half", "compare.junit.xml")).Single(c => c.Name == Threshold);
        Assert.Equal("failed", regressed.Outcome);
        Assert.Contains("observed", regressed.Message);
    }

    [Fact]
    public async Task Report_with_a_baseline_shows_the_comparison_and_exits_1_on_a_regression()
    {
        var dir = Path.Combine(runs.Root, "half-copy");
        Directory.CreateDirectory(dir);
        foreach (var f in Directory.GetFiles(runs.HalfFleet)) File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        var r = await LoadlabProcess.RunAsync(runs.Root, output, "report", dir, "--baseline", runs.Baseline, "--baseline-threshold", Threshold, "--quiet");
        Assert.Equal(1, r.Code);
        // --quiet: the verdict lines only.
        Assert.All(r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => Assert.True(l.StartsWith("compare:", StringComparison.Ordinal) || l.StartsWith("verdict:", StringComparison.Ordinal), l));
        Assert.Contains("id=\"baseline\"", File.ReadAllText(Path.Combine(dir, "report.html")));
        Assert.Contains("## Against the baseline", File.ReadAllText(Path.Combine(dir, "summary.md")));
        using var verdict = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "verdict.json")));
        var b = verdict.RootElement.GetProperty("baseline");
        Assert.True(b.GetProperty("regression").GetBoolean());
        Assert.Contains(Threshold, b.GetProperty("regressions").EnumerateArray().Select(x => x.GetString()));
    }

    public static TheoryData<string, string, string> BadInputs() => new()
    {
        { "unset variable", "name: ${CI_UNSET_VARIABLE}-x", "CI_UNSET_VARIABLE" },
        { "bad --set path", "", "load.phasez" },
        { "baseline of another scenario", "", "another" },
        { "summary over an existing file", "", "already exists" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_exits_2_with_a_located_error_and_writes_nothing(string what, string scenarioLine, string expected)
    {
        var work = Path.Combine(runs.Root, "bad-" + what.Replace(' ', '-').Replace("-", "", StringComparison.Ordinal));
        Directory.CreateDirectory(work);
        var yaml = CiPipelineRuns.ScenarioYaml("http://127.0.0.1:9/never", name: what == "baseline of another scenario" ? "another" : CiPipelineRuns.Scenario);
        if (scenarioLine.Length > 0) yaml = yaml.Replace($"name: {CiPipelineRuns.Scenario}", scenarioLine, StringComparison.Ordinal);
        var scenario = Path.Combine(work, "s.yaml");
        File.WriteAllText(scenario, yaml);
        var existing = Path.Combine(work, "existing.json");
        File.WriteAllText(existing, "keep");
        var outDir = Path.Combine(work, "out");
        string[] args = what switch
        {
            "bad --set path" => ["run", scenario, "--out", outDir, "--set", "load.phasez[0].rate=5"],
            "baseline of another scenario" => ["run", scenario, "--out", outDir, "--baseline", runs.Baseline],
            "summary over an existing file" => ["run", scenario, "--out", outDir, "--summary-export", existing],
            _ => ["run", scenario, "--out", outDir],
        };
        var before = Directory.GetFileSystemEntries(work).Order().ToList();
        var r = await LoadlabProcess.RunAsync(work, output, args);
        Assert.Equal(2, r.Code);
        Assert.Contains(expected, r.Err);
        Assert.DoesNotContain("   at ", r.Err); // no stack trace
        Assert.Equal(before, Directory.GetFileSystemEntries(work).Order().ToList());
        Assert.Equal("keep", File.ReadAllText(existing));
    }

    [Fact]
    public async Task Simulate_from_cloudwatch_exits_3_when_aws_cannot_be_reached()
    {
        var dir = Path.Combine(runs.Root, "simulate-aws");
        Directory.CreateDirectory(dir);
        foreach (var f in Directory.GetFiles(runs.Baseline)) File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        using var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop(); // a port nothing listens on
        var env = new Dictionary<string, string> { ["AWS_ACCESS_KEY_ID"] = "AKIDEXAMPLE", ["AWS_SECRET_ACCESS_KEY"] = "secret", ["AWS_REGION"] = "us-east-1" };
        var r = await LoadlabProcess.RunAsync(runs.Root, output, env, "simulate", dir, "--from-cloudwatch", "ep", "--days", "1", "--endpoint-url", $"http://127.0.0.1:{port}");
        Assert.Equal(3, r.Code);
        Assert.DoesNotContain("   at ", r.Err);
    }

    [Fact]
    public async Task Every_json_file_the_pipeline_wrote_is_valid_against_its_schema()
    {
        // compare.json and trend.json too: the same-seed comparison and the trend of the three runs.
        var compare = await LoadlabProcess.RunAsync(runs.Root, output, "compare", runs.Baseline, runs.SameFleet, "--format", "json", "--out", Path.Combine(runs.Root, "cmp-schema"));
        Assert.Contains(compare.Code, new[] { 0, 1 });
        var trend = await LoadlabProcess.RunAsync(runs.Root, output, "trend", runs.Reports, "--format", "json", "--out", Path.Combine(runs.Root, "trend"));
        Assert.Equal(0, trend.Code);
        var files = new List<(SchemaCatalog.Entry, string)>();
        foreach (var dir in new[] { runs.Baseline, runs.SameFleet, runs.HalfFleet, Path.Combine(runs.Root, "cmp-schema"), Path.Combine(runs.Root, "trend") })
            files.AddRange(SchemaCatalog.FilesIn(dir));
        foreach (var name in new[] { "baseline", "same-fleet", "half-fleet" })
            files.Add((SchemaCatalog.For("<summary-export>.json"), Path.Combine(runs.Root, $"{name}-summary.json")));
        var kinds = files.Select(f => f.Item1.File).Distinct().ToList();
        foreach (var expected in new[] { "run.json", "analysis.json", "recommendation.json", "simulation.json", "verdict.json", "compare.json", "trend.json", "<summary-export>.json" })
            Assert.Contains(expected, kinds);
        var problems = files.SelectMany(f => SchemaCatalog.Validate(f.Item1, f.Item2)).ToList();
        foreach (var (entry, path) in files) output.WriteLine($"validated {path} against schemas/{entry.SchemaFileName}");
        Assert.Empty(problems);
    }
}
