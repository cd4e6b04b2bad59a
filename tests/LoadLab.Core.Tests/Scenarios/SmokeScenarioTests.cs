using LoadLab.Core.Scenarios;
using LoadLab.Core.Scenarios.Parameters;

namespace LoadLab.Core.Tests.Scenarios;

public class SmokeScenarioTests
{
    private static Scenario Parse(string load) =>
        ScenarioLoader.Parse($"name: s\ntarget: {{ kind: http, url: \"http://127.0.0.1:1/x\" }}\nload:\n{load}", "s.yaml", "/tmp").GetOrThrow();

    [Fact]
    public void Every_phase_becomes_five_seconds_at_most_two_per_second_and_pauses_stay_pauses()
    {
        var s = SmokeScenario.Of(Parse("""
              phases:
                - { shape: steps, from: 10, to: 200, step: 20, hold: 3m }
                - { shape: pause, duration: 2s }
                - { shape: ramp, from: 0, to: 1, duration: 10m }
                - { shape: pause, duration: 1h }
              warmupRequests: 32
            """));
        Assert.Equal("s-smoke", s.Name);
        Assert.Equal([PhaseShape.Constant, PhaseShape.Pause, PhaseShape.Constant, PhaseShape.Pause], s.Load.Phases.Select(p => p.Shape));
        Assert.Equal([5, 2, 5, 5], s.Load.Phases.Select(p => p.Duration.TotalSeconds));
        Assert.Equal(2, s.Load.Phases[0].Rate);
        Assert.Equal(0.5, s.Load.Phases[2].Rate, 9); // the ramp averages 0.5/s, below the smoke cap
        Assert.Equal(2, s.Load.WarmupRequests);
        var summary = ScenarioSummary.Of(s);
        Assert.Equal(TimeSpan.FromSeconds(17), summary.Duration);
        Assert.Equal(12.5, summary.ExpectedRequests, 9);
    }

    [Fact]
    public void A_closed_model_smoke_has_one_user_per_phase()
    {
        var s = SmokeScenario.Of(Parse("""
              model: closed
              phases:
                - { shape: constant, users: 40, duration: 10m }
                - { shape: steps, from: 10, to: 50, step: 10, hold: 1m }
            """));
        Assert.All(s.Load.Phases, p => Assert.Equal((PhaseShape.Constant, 1.0, 5.0), (p.Shape, p.Rate, p.Duration.TotalSeconds)));
    }
}
