using LoadLab.Core.RunFiles;
using LoadLab.Simulation.Autoscaling;
using LoadLab.Simulation.Fleet;
using LoadLab.Simulation.Traffic;

namespace LoadLab.Simulation.Tests;

/// <summary>The fleet's finite queue (M/G/c/K's K, fitted from the run), load shed as errors, and the model's error on the run's own steps.</summary>
public class FiniteQueueTests
{
    // One instance of 200 req/s (12,000 IPI), 20 ms unloaded; a step at 1.3× capacity shed 20 % with survivors at 360 ms:
    // a full queue's wait is 0.34 s, i.e. 68 requests at 200 req/s (4 workers + a 64-deep queue).
    private static AnalysisFile Analysis() => new()
    {
        Slo = new SloInfo(90, 250, 0.01),
        JudgedPercentile = 90,
        Curve = new LatencyCurve { Kind = "linear", L0Ms = 20, A = 0 },
        MaxRpsPerInstance = 200,
        SustainableIpm = 11_000,
        Points =
        [
            new AnalysisPoint(0, 3_000, 20, 0, 50, 50, true),
            new AnalysisPoint(1, 9_000, 22, 0, 150, 150, true),
            new AnalysisPoint(2, 12_000, 360, 0.2, 260, 200, false),
        ],
    };

    [Fact]
    public void The_queue_limit_is_fitted_from_the_latency_of_the_steps_that_shed_load()
    {
        var fleet = FleetModel.FromAnalysis(Analysis(), "analysis.json");

        Assert.Equal(0.34, fleet.QueueFullWaitS!.Value, 6);
        Assert.Equal(360, fleet.FullQueueLatencyMs, 6);
        Assert.Contains("step 2", fleet.QueueLimitBasis);
        Assert.Contains("68 requests per instance", fleet.QueueLimitBasis);
    }

    [Fact]
    public void A_run_that_never_shed_has_no_queue_limit_and_the_timeout_bounds_the_wait()
    {
        var a = Analysis() with { Points = Analysis().Points.Take(2).ToList() };
        var fleet = FleetModel.FromAnalysis(a, "analysis.json");

        Assert.Null(fleet.QueueFullWaitS);
        Assert.Equal(fleet.TimeoutS, fleet.BacklogLimitS);
        Assert.Contains("never shed", fleet.QueueLimitBasis);
    }

    [Fact]
    public void Overload_is_shed_as_errors_at_the_full_queues_latency_and_counts_as_slo_violation()
    {
        var fleet = FleetModel.FromAnalysis(Analysis(), "analysis.json");
        var unbounded = fleet with { QueueFullWaitS = null };
        var config = ScalingConfiguration.TargetTracking(1, 1, target: 6_000);
        // Five minutes at 2× one instance's capacity: 24,000 a minute against 12,000 served.
        var traffic = new TrafficSeries(SimulatorTests.T0, [.. Enumerable.Repeat(24_000.0, 5)], "test");

        var shed = Simulator.Run("k", "", config, traffic, fleet);
        var queued = Simulator.Run("inf", "", config, traffic, unbounded);

        // Finite queue: each minute 12,000 served, 68 held, the rest (about 12,000) shed; survivors wait a full queue.
        Assert.InRange(shed.DroppedRequests, 5 * 12_000 - 68, 5 * 12_000);
        Assert.All(shed.Timeline, s => Assert.InRange(s.ErrorRateFraction, 0.49, 0.5));
        Assert.Equal(360, shed.WorstLatencyMs, 6);
        Assert.Equal(5, shed.SloViolationMinutes);
        // Without it, the backlog grows to the 60 s timeout before anything fails: a first minute without an error and
        // latency in seconds, where the endpoint answered half its requests with a 503 at once.
        Assert.True(queued.WorstLatencyMs > 10_000, $"{queued.WorstLatencyMs}");
        Assert.Equal(0, queued.Timeline[0].ErrorRateFraction);
        Assert.Equal(4 * 12_000, queued.DroppedRequests, 6);
    }

    [Fact]
    public void The_model_error_sets_each_steps_prediction_beside_what_it_measured()
    {
        var analysis = Analysis();
        var fleet = FleetModel.FromAnalysis(analysis, "analysis.json");
        var t0 = SimulatorTests.T0;
        var run = new RunInfo
        {
            ScenarioName = "s", Target = new RunTarget("http", null, null, null, null), Seed = 1, ToolVersion = "t", LoadModel = "open", StartUtc = t0,
            Steps = [.. Enumerable.Range(0, 3).Select(i => new StepWindow(i, 0, 0, t0.AddSeconds(20 * i), t0.AddSeconds(20 * i + 5), t0.AddSeconds(20 * i + 20)))],
        };

        var error = StepModelCheck.Compare(fleet, analysis, run);

        Assert.Equal(3, error.Steps.Count);
        Assert.Equal([0.0, 0.0], error.Steps.Take(2).Select(s => s.PredictedErrorRateFraction));
        Assert.Equal(20, error.Steps[0].PredictedLatencyMs);
        var saturated = error.Steps[2];
        // Offered 15,600 IPI (achieved 12,000 × 260/200) for 15 s: the queue fills in 0.34 × 200 / 60 = 1.13 s, then
        // 60 req/s of 260 are shed for the remaining 13.87 s: 832 of 3,900 = 21.3 %.
        Assert.Equal(15_600, saturated.OfferedIpm, 1);
        Assert.Equal(15, saturated.DurationS);
        Assert.Equal(60 * (15 - 68 / 60.0) / (260 * 15), saturated.PredictedErrorRateFraction, 3);
        Assert.Equal(360, saturated.PredictedLatencyMs, 1);
        Assert.Equal(0, saturated.LatencyErrorPct, 1);
        Assert.Equal(saturated.PredictedErrorRateFraction - 0.2, saturated.ErrorRateErrorFraction, 4);
        Assert.Equal(error.Steps.Max(s => Math.Abs(s.ErrorRateErrorFraction)), error.MaxAbsErrorRateErrorFraction);
        Assert.Equal(90, error.LatencyPercentile);
    }
}

public sealed class ModelErrorFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("loadlab-sim-model-error-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Simulation_json_carries_the_fleet_queue_and_the_model_error_per_step()
    {
        var analysis = new AnalysisFile
        {
            Slo = new SloInfo(90, 250, 0.01),
            Curve = new LatencyCurve { Kind = "linear", L0Ms = 20, A = 0 },
            MaxRpsPerInstance = 200,
            SustainableIpm = 11_000,
            Points = [new AnalysisPoint(0, 3_000, 21, 0, 50, 50, true), new AnalysisPoint(1, 12_000, 360, 0.2, 260, 200, false)],
        };
        LoadLab.Core.Json.LoadLabJson.WriteFile(Path.Combine(_dir, "analysis.json"), analysis);
        var trace = Path.Combine(_dir, "trace.csv");
        File.WriteAllLines(trace, ["period,count", .. Enumerable.Range(0, 90).Select(m =>
            new DateTime(2026, 2, 1).AddMinutes(m).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + "," + (3000 + 100 * (m % 7)))]);

        await SimulationService.RunAsync(new SimulateRequest { RunDirectory = _dir, TrafficPath = trace, Sweep = false });

        var json = File.ReadAllText(Path.Combine(_dir, "simulation.json"));
        var file = LoadLab.Core.Json.LoadLabJson.Deserialize<SimulationFile>(json);
        Assert.Equal(2, file.ModelError!.Steps.Count);
        Assert.Equal(0.34, file.Fleet!.QueueFullWaitS!.Value, 4);
        Assert.Equal(68, file.Fleet.QueueLimitRequestsPerInstance!.Value, 1);
        foreach (var name in new[] { "\"model_error\"", "\"predicted_latency_ms\"", "\"measured_latency_ms\"", "\"latency_error_pct\"",
                     "\"predicted_error_rate_fraction\"", "\"measured_error_rate_fraction\"", "\"error_rate_error_fraction\"",
                     "\"max_abs_latency_error_pct\"", "\"max_abs_error_rate_error_fraction\"", "\"queue_full_wait_s\"", "\"queue_limit_requests_per_instance\"" })
            Assert.Contains(name, json);
    }
}
