using LoadLab.Core.AwsApi;
using LoadLab.Core.Errors;
using LoadLab.Core.Json;
using LoadLab.Core.RunFiles;

namespace LoadLab.Simulation.Tests;

public sealed class SimulationServiceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("loadlab-sim-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static AnalysisFile Analysis() => new()
    {
        Slo = new SloInfo(90, 250, 0.01),
        Curve = new LatencyCurve { Kind = "queueing", L0Ms = 40, A = 20, CapacityIpm = 1200 },
        SustainableIpm = 900,
        MaxRpsPerInstance = 18,
        InstanceStartupS = 240,
    };

    private static RecommendationFile Recommendation(int min = 1, int max = 20, string type = PolicyTypes.TargetTrackingScaling) => new()
    {
        Endpoint = "e",
        Variant = "AllTraffic",
        RegisterScalableTarget = new RegisterScalableTargetRequest { ResourceId = "endpoint/e/variant/AllTraffic", MinCapacity = min, MaxCapacity = max },
        PutScalingPolicy =
        [
            new PutScalingPolicyRequest
            {
                PolicyName = "loadlab-target", ResourceId = "endpoint/e/variant/AllTraffic", PolicyType = type,
                TargetTrackingScalingPolicyConfiguration = new TargetTrackingScalingPolicyConfiguration
                {
                    TargetValue = 600, ScaleOutCooldown = 300, ScaleInCooldown = 600,
                    PredefinedMetricSpecification = new PredefinedMetricSpecification { PredefinedMetricType = ScalingConstants.InvocationsPerInstanceMetric },
                },
            },
        ],
        Basis = new RecommendationBasis { TargetValue = 600, RuleOfThumbTarget = 540 },
        Alternatives =
        [
            new PolicyAlternative("concurrency", "ConcurrentRequestsPerModel", 4, "high-resolution concurrency target", new PutScalingPolicyRequest
            {
                PolicyName = "loadlab-concurrency", ResourceId = "endpoint/e/variant/AllTraffic", PolicyType = PolicyTypes.TargetTrackingScaling,
                TargetTrackingScalingPolicyConfiguration = new TargetTrackingScalingPolicyConfiguration
                {
                    TargetValue = 4,
                    PredefinedMetricSpecification = new PredefinedMetricSpecification { PredefinedMetricType = ScalingConstants.ConcurrentRequestsHighResMetric },
                },
            }),
            new PolicyAlternative("no-request", "InvocationsPerInstance", 500, "described only"),
        ],
        Cost = new CostEstimate(0.5, 10, 1, 5, 1),
    };

    private string Trace()
    {
        var lines = new List<string> { "period,count" };
        var t0 = new DateTime(2026, 2, 1, 0, 0, 0);
        for (var m = 0; m < 6 * 60; m++)
            lines.Add($"{t0.AddMinutes(m):yyyy-MM-dd HH:mm:ss},{(int)(3000 + 2500 * Math.Sin(m / 30.0))}");
        var path = Path.Combine(_dir, "trace.csv");
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public async Task Missing_analysis_is_a_clear_bad_input()
    {
        var ex = await Assert.ThrowsAsync<UserInputException>(() => SimulationService.RunAsync(new SimulateRequest { RunDirectory = _dir }));
        Assert.Contains("analysis.json is missing: run 'loadlab analyze <run-dir>' first", ex.Message);
    }

    [Fact]
    public async Task Writes_simulation_json_with_the_recommendation_the_rule_of_thumb_and_the_sweep()
    {
        LoadLabJson.WriteFile(Path.Combine(_dir, "analysis.json"), Analysis());
        LoadLabJson.WriteFile(Path.Combine(_dir, "recommendation.json"), Recommendation());
        var outcome = await SimulationService.RunAsync(new SimulateRequest { RunDirectory = _dir, TrafficPath = Trace(), Seed = 5 });
        var file = LoadLabJson.Deserialize<SimulationFile>(File.ReadAllText(outcome.OutputPath));
        Assert.Equal(103, file.Candidates.Count);
        Assert.Equal("recommendation", file.Recommended);
        Assert.Equal(["recommendation", "rule-of-thumb", "alt-concurrency"], file.Candidates.Take(3).Select(c => c.Name));
        Assert.Equal(("alternative", 4.0), (file.Candidates[2].Kind, file.Candidates[2].TargetValue));
        Assert.Equal(540, file.Candidates[1].TargetValue);
        Assert.Equal(360, file.Minutes);
        Assert.Equal(5, file.Seed);
        Assert.Equal(240, file.Fleet!.StartupS);
        Assert.NotNull(file.Candidates[0].CostUsd);              // price from the recommendation
        Assert.NotEmpty(file.Candidates[0].Events);
        Assert.NotNull(file.Candidates[0].Elasticity);

        // Same inputs, same seed: byte-identical output.
        var first = File.ReadAllText(outcome.OutputPath);
        await SimulationService.RunAsync(new SimulateRequest { RunDirectory = _dir, TrafficPath = Trace(), Seed = 5 });
        Assert.Equal(first, File.ReadAllText(outcome.OutputPath));
    }

    [Fact]
    public async Task Invalid_policy_is_rejected_before_simulating()
    {
        LoadLabJson.WriteFile(Path.Combine(_dir, "analysis.json"), Analysis());
        var policy = Path.Combine(_dir, "bad.json");
        LoadLabJson.WriteFile(policy, Recommendation(min: 5, max: 2, type: "SimpleScaling"));
        var ex = await Assert.ThrowsAsync<UserInputException>(() => SimulationService.RunAsync(new SimulateRequest { RunDirectory = _dir, TrafficPath = Trace(), PolicyPath = policy }));
        Assert.Contains(ex.Problems, p => p.File == policy && p.Field.StartsWith("RegisterScalableTarget", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Field.EndsWith("PolicyType", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Malformed_json_names_the_line()
    {
        File.WriteAllText(Path.Combine(_dir, "analysis.json"), "{\n  \"slo\": {\n    \"latency_ms\": oops\n  }\n}");
        var ex = await Assert.ThrowsAsync<UserInputException>(() => SimulationService.RunAsync(new SimulateRequest { RunDirectory = _dir, TrafficPath = Trace() }));
        Assert.Equal(3, Assert.Single(ex.Problems).Line);
    }

    [Fact]
    public async Task Cloudwatch_history_is_replayed_and_the_look_back_is_bounded()
    {
        LoadLabJson.WriteFile(Path.Combine(_dir, "analysis.json"), Analysis());
        var now = new DateTimeOffset(2026, 3, 1, 12, 0, 30, TimeSpan.Zero);
        var history = new FakeHistory();
        var outcome = await SimulationService.RunAsync(new SimulateRequest
        {
            RunDirectory = _dir, FromCloudWatchEndpoint = "prod", Variant = "v1", History = history, Days = 1, NowUtc = now, Sweep = false,
        });
        Assert.Equal(("prod", "v1", now.AddSeconds(-30).AddDays(-1), now.AddSeconds(-30)), history.Asked);
        Assert.Equal(1440, outcome.File.Minutes);
        var ex = await Assert.ThrowsAsync<UserInputException>(() => SimulationService.RunAsync(new SimulateRequest
        {
            RunDirectory = _dir, FromCloudWatchEndpoint = "prod", History = history, Days = 20, NowUtc = now,
        }));
        Assert.Contains("--days must be in (0, 14]", ex.Message);
    }

    [Fact]
    public async Task An_open_scenario_is_replayed_at_its_rate_and_a_closed_one_is_refused()
    {
        LoadLabJson.WriteFile(Path.Combine(_dir, "analysis.json"), Analysis());
        var open = Path.Combine(_dir, "ramp.yaml");
        File.WriteAllText(open, "name: ramp\ntarget: { kind: http, url: http://127.0.0.1:9/ }\nload:\n  phases:\n    - { shape: ramp, from: 10, to: 50, duration: 10m }\n");
        var outcome = await SimulationService.RunAsync(new SimulateRequest { RunDirectory = _dir, TrafficPath = open, Sweep = false });
        Assert.Equal(10, outcome.File.Minutes);
        // Minute 0 of a 10 -> 50 rps ramp over 600 s: the mean rate over the first 60 s is 12 rps = 720 requests.
        Assert.Equal(720, outcome.File.Candidates[0].Timeline[0].DemandRpm, 6);

        var closed = Path.Combine(_dir, "closed.yaml");
        File.WriteAllText(closed, "name: closed\ntarget: { kind: http, url: http://127.0.0.1:9/ }\nload:\n  model: closed\n  phases:\n    - { shape: constant, users: 8, duration: 2m }\n");
        var ex = await Assert.ThrowsAsync<UserInputException>(() => SimulationService.RunAsync(new SimulateRequest { RunDirectory = _dir, TrafficPath = closed }));
        Assert.Equal("load.model", Assert.Single(ex.Problems).Field);
    }

    [Fact]
    public async Task A_runs_timeline_is_replayed_as_its_offered_load_summed_per_minute()
    {
        LoadLabJson.WriteFile(Path.Combine(_dir, "analysis.json"), Analysis());
        // 150 s of timeline.csv (read by the project's one timeline reader): 10 offered per second -> 600, 600, 300.
        var lines = new List<string> { "time_utc,offered,ok,p90_ms" };
        var t0 = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);
        for (var s = 0; s < 150; s++) lines.Add($"{t0.AddSeconds(s):yyyy-MM-ddTHH:mm:ssZ},10,10,50");
        File.WriteAllLines(Path.Combine(_dir, "timeline.csv"), lines);
        var outcome = await SimulationService.RunAsync(new SimulateRequest { RunDirectory = _dir, Sweep = false });
        Assert.Equal(3, outcome.File.Minutes);
        Assert.Equal([600.0, 600, 300], outcome.File.Candidates[0].Timeline.Select(m => m.DemandRpm));

        File.WriteAllLines(Path.Combine(_dir, "timeline.csv"), ["time_utc,ok", $"{t0:yyyy-MM-ddTHH:mm:ssZ},10"]);
        var ex = await Assert.ThrowsAsync<UserInputException>(() => SimulationService.RunAsync(new SimulateRequest { RunDirectory = _dir, Sweep = false }));
        Assert.Equal("offered", Assert.Single(ex.Problems).Field);
    }

    private sealed class FakeHistory : IInvocationHistory
    {
        public (string, string, DateTimeOffset, DateTimeOffset) Asked { get; private set; }

        public Task<IReadOnlyList<(DateTimeOffset TimeUtc, double Count)>> InvocationsPerMinuteAsync(string endpoint, string variant,
            DateTimeOffset startUtc, DateTimeOffset endUtc, CancellationToken cancellationToken)
        {
            Asked = (endpoint, variant, startUtc, endUtc);
            IReadOnlyList<(DateTimeOffset, double)> points = Enumerable.Range(0, 1440).Select(m => (startUtc.AddMinutes(m), 2000.0 + m)).ToList();
            return Task.FromResult(points);
        }
    }
}
