using LoadLab.Analysis.RunFiles;
using LoadLab.Core.Errors;
using LoadLab.Core.RunFiles;

namespace LoadLab.Analysis.Tests;

public class AnalysisServiceTests
{
    private static double Truth(double x) => 40 + 8 * x / (600 - x);

    private static (RunInfo Run, List<StepRow> Steps, MetricsFile Metrics) Sample(int instances = 2)
    {
        var steps = Synthetic.Steps([60, 120, 180, 240, 300, 360, 420, 480, 520, 550, 570, 590, 660], Truth, capacity: 600,
            instances: instances, fillIpi: false);
        var run = Synthetic.Run(steps.Count, recommend: new RecommendInfo(PeakRps: 100, InstanceStartupS: 240, PricePerInstanceHourUsd: 0.23,
            GrowthFractionPerMin: null, MinCapacity: null, MaxCapacity: null));
        var end = Synthetic.T0.AddMinutes(3 * steps.Count);
        var latency = new List<MetricPoint>();
        for (var t = Synthetic.T0; t < end; t = t.AddMinutes(1)) latency.Add(new MetricPoint(t, 20 + (t - Synthetic.T0).TotalMinutes));
        latency.RemoveAll(p => p.TimeUtc >= Synthetic.T0.AddMinutes(6) && p.TimeUtc < Synthetic.T0.AddMinutes(9)); // a CloudWatch gap over step 2
        var metrics = new MetricsFile
        {
            Endpoint = "ep-test", Variant = "AllTraffic", WindowStartUtc = Synthetic.T0, WindowEndUtc = end,
            InstanceCounts = [new InstanceCountSample(Synthetic.T0.AddMinutes(-2), instances, instances, "InService")],
            Series =
            [
                new MetricSeries { Namespace = "AWS/SageMaker", MetricName = "ModelLatency", Stat = "Average", PeriodS = 60, Unit = "Milliseconds (converted from Microseconds)", Points = latency },
                new MetricSeries { Namespace = "/aws/sagemaker/Endpoints", MetricName = "CPUUtilization", Stat = "Average", PeriodS = 60, Unit = "Percent",
                    Points = latency.Select(p => new MetricPoint(p.TimeUtc, 5 + p.Value * 2)).ToList() },
            ],
        };
        return (run, steps, metrics);
    }

    [Fact]
    public void Identical_files_give_byte_identical_outputs()
    {
        var (run, steps, metrics) = Sample();
        using var a = new RunDirFixture().WithRun(run).WithSteps(steps).WithMetrics(metrics);
        using var b = new RunDirFixture().WithRun(run).WithSteps(steps).WithMetrics(metrics);

        var first = AnalysisService.AnalyzeRunDirectory(a.Path, simulator: new LoadLab.Simulation.Checks.SimulatedPolicyCheck());
        AnalysisService.AnalyzeRunDirectory(b.Path, simulator: new LoadLab.Simulation.Checks.SimulatedPolicyCheck());
        Assert.NotNull(first.Recommendation);
        Assert.True(first.StepsCsvRewritten);
        foreach (var f in new[] { "analysis.json", "recommendation.json", "steps.csv" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(a.Path, f)), File.ReadAllBytes(Path.Combine(b.Path, f)));

        // Re-running on the enriched steps.csv changes nothing either.
        var before = File.ReadAllBytes(a.Dir.AnalysisJson);
        var beforeRec = File.ReadAllBytes(a.Dir.RecommendationJson);
        AnalysisService.AnalyzeRunDirectory(a.Path, simulator: new LoadLab.Simulation.Checks.SimulatedPolicyCheck());
        Assert.Equal(before, File.ReadAllBytes(a.Dir.AnalysisJson));
        Assert.Equal(beforeRec, File.ReadAllBytes(a.Dir.RecommendationJson));
    }

    [Fact]
    public void Server_columns_are_filled_and_gaps_reported()
    {
        var (run, steps, metrics) = Sample(instances: 2);
        using var d = new RunDirFixture().WithRun(run).WithSteps(steps).WithMetrics(metrics);
        var outcome = AnalysisService.AnalyzeRunDirectory(d.Path, simulator: new LoadLab.Simulation.Checks.SimulatedPolicyCheck());

        var enriched = StepsCsv.Read(d.Dir.StepsCsv);
        Assert.All(enriched, s => Assert.Equal(2, s.Instances));
        Assert.Equal(steps[4].AchievedRps * 60 / 2, enriched[4].InvocationsPerInstancePerMin!.Value, 2);
        // Step 4's steady window is 12:30..15:00 → the minutes at 13 and 14 are wholly inside: latency 20+13, 20+14.
        Assert.Equal(33.5, enriched[4].ServerModelLatencyMs!.Value, 6);
        Assert.Equal(5 + 2 * 33.5, enriched[4].CpuPct!.Value, 6);
        Assert.Null(enriched[2].ServerModelLatencyMs);
        Assert.Contains(outcome.Analysis.Warnings, w => w.Text.Contains("step 2") && w.Text.Contains("gap"));
    }

    [Fact]
    public void Unknown_columns_of_the_engine_survive_the_rewrite()
    {
        var (run, steps, metrics) = Sample();
        using var d = new RunDirFixture().WithRun(run).WithMetrics(metrics);
        var csv = StepsCsv.Format(steps).Split('\n');
        var withExtra = string.Join('\n', csv.Select((l, i) => l.Length == 0 ? l : l + (i == 0 ? ",engine_note" : ",x" + i)));
        d.WithFile("steps.csv", withExtra);
        AnalysisService.AnalyzeRunDirectory(d.Path, simulator: new LoadLab.Simulation.Checks.SimulatedPolicyCheck());
        var text = File.ReadAllText(d.Dir.StepsCsv);
        Assert.Contains(",engine_note", text.Split('\n')[0]);
        Assert.Contains(",x3", text.Split('\n')[3]);
    }

    [Fact]
    public void Missing_run_json_is_bad_input_naming_the_file()
    {
        using var d = new RunDirFixture().WithSteps(Sample().Steps);
        var e = Assert.Throws<UserInputException>(() => AnalysisService.AnalyzeRunDirectory(d.Path, simulator: new LoadLab.Simulation.Checks.SimulatedPolicyCheck()));
        Assert.Contains(e.Problems, p => p.File.EndsWith("run.json") && p.Message.Contains("missing"));
    }

    [Fact]
    public void Corrupt_run_json_names_file_and_line()
    {
        using var d = new RunDirFixture().WithSteps(Sample().Steps).WithFile("run.json", "{\n  \"scenario_name\": \"x\",\n  \"seed\": oops\n}");
        var e = Assert.Throws<UserInputException>(() => AnalysisService.AnalyzeRunDirectory(d.Path, simulator: new LoadLab.Simulation.Checks.SimulatedPolicyCheck()));
        var p = Assert.Single(e.Problems);
        Assert.EndsWith("run.json", p.File);
        Assert.Equal(3, p.Line);
    }

    [Fact]
    public void No_measurements_at_all_is_bad_input()
    {
        using var d = new RunDirFixture().WithRun(Sample().Run);
        var e = Assert.Throws<UserInputException>(() => AnalysisService.AnalyzeRunDirectory(d.Path, simulator: new LoadLab.Simulation.Checks.SimulatedPolicyCheck()));
        Assert.Contains(e.Problems, p => p.File.EndsWith("steps.csv") && p.Message.Contains("timeline.csv"));
    }

    [Fact]
    public void A_bad_cell_in_steps_csv_names_file_line_and_field()
    {
        var (run, steps, _) = Sample();
        using var d = new RunDirFixture().WithRun(run);
        var lines = StepsCsv.Format(steps).Split('\n');
        var cells = lines[3].Split(',');
        cells[3] = "fast";
        lines[3] = string.Join(',', cells);
        d.WithFile("steps.csv", string.Join('\n', lines));
        var e = Assert.Throws<UserInputException>(() => AnalysisService.AnalyzeRunDirectory(d.Path, simulator: new LoadLab.Simulation.Checks.SimulatedPolicyCheck()));
        var p = Assert.Single(e.Problems, p => p.File.EndsWith("steps.csv"));
        Assert.Equal(4, p.Line);
        Assert.Equal("offered_rps", p.Field);
        Assert.Contains("'fast'", p.Message);
    }

    [Fact]
    public void Corrupt_metrics_json_is_a_warning_and_the_analysis_goes_on()
    {
        var (run, steps, _) = Sample();
        using var d = new RunDirFixture().WithRun(run).WithSteps(steps).WithFile("metrics.json", "{ \"endpoint\": ");
        var outcome = AnalysisService.AnalyzeRunDirectory(d.Path, simulator: new LoadLab.Simulation.Checks.SimulatedPolicyCheck());
        Assert.Contains(outcome.Analysis.Warnings, w => w.Text.Contains("metrics.json") && w.Text.Contains("ignored"));
        Assert.Contains(outcome.Analysis.Warnings, w => w.Text.Contains("assumed 1 instance"));
        Assert.True(File.Exists(d.Dir.AnalysisJson));
        Assert.False(outcome.StepsCsvRewritten);
    }

    [Fact]
    public void Steps_are_rebuilt_from_the_timeline_when_steps_csv_is_missing()
    {
        var run = Synthetic.Run(2);
        var rows = new List<string> { "time_utc,offered,started,completed,ok,err_model,err_throttle,err_5xx,err_4xx,err_timeout,err_connection,dropped,late,in_flight,p50_ms,p90_ms,p99_ms" };
        for (int s = 0; s < 360; s++)
        {
            var t = Synthetic.T0.AddSeconds(s);
            int rate = s < 180 ? 10 : 20;
            rows.Add($"{CsvFormat.Time(t)},{rate},{rate},{rate},{rate - (s % 10 == 0 ? 1 : 0)},0,0,{(s % 10 == 0 ? 1 : 0)},0,0,0,0,0,1,20,{(s < 180 ? 30 : 60)},80");
        }
        using var d = new RunDirFixture().WithRun(run).WithFile("timeline.csv", string.Join('\n', rows));
        var outcome = AnalysisService.AnalyzeRunDirectory(d.Path, simulator: new LoadLab.Simulation.Checks.SimulatedPolicyCheck());
        Assert.Contains(outcome.Analysis.Warnings, w => w.Text.Contains("rebuilt from timeline.csv"));
        Assert.Equal(2, outcome.Analysis.Points.Count);
        var p1 = outcome.Analysis.Points.Single(p => p.Step == 1);
        Assert.Equal(20, p1.AchievedRps, 6);
        Assert.Equal(60, p1.LatencyMs, 6);
        Assert.Equal(15.0 / 3000, p1.ErrorRateFraction, 6); // one 5xx every 10 s over the 150 s steady window at 20 req/s
    }
}
