using LoadLab.Core.RunFiles;
using LoadLab.Simulation.Autoscaling;
using LoadLab.Simulation.Fleet;
using LoadLab.Simulation.Traffic;

namespace LoadLab.Simulation.Tests;

/// <summary>
/// simulation.json's model_error (<see cref="StepModelCheck"/>) and the backtest (<see cref="Simulator.Run"/>) must be
/// one model: the check's prediction for a constant load held one minute on one instance, at the worst request
/// (percentile 100), is exactly what the simulator gives for that minute, below, at and beyond capacity, with and
/// without a measured queue limit. If either changes its queue, this fails.
/// </summary>
public class StepModelCheckAgreementTests
{
    private static AnalysisFile Analysis(string kind) => new()
    {
        Slo = new SloInfo(90, 250, 0.01),
        JudgedPercentile = 90,
        Curve = kind == "queueing"
            ? new LatencyCurve { Kind = "queueing", L0Ms = 20, A = 15, CapacityIpm = 12_600 }
            : new LatencyCurve { Kind = "linear", L0Ms = 20, A = 0.004 },
        MaxRpsPerInstance = 200,
        SustainableIpm = 11_000,
        Points =
        [
            new AnalysisPoint(0, 3_000, 25, 0, 50, 50, true),
            new AnalysisPoint(1, 9_000, 60, 0, 150, 150, true),
            new AnalysisPoint(2, 12_000, 360, 0.2, 260, 200, false),
        ],
    };

    [Theory]
    [InlineData("linear", true)]
    [InlineData("linear", false)]
    [InlineData("queueing", true)]
    [InlineData("queueing", false)]
    public void The_checks_prediction_for_a_step_is_what_the_simulator_gives_for_that_load(string kind, bool queueLimit)
    {
        var fleet = FleetModel.FromAnalysis(Analysis(kind), "analysis.json");
        if (!queueLimit) fleet = fleet with { QueueFullWaitS = null };
        var config = ScalingConfiguration.TargetTracking(1, 1, target: 6_000);   // one instance throughout
        foreach (var ipm in new[] { 1_000.0, 6_000, 11_000, 12_000, 12_500, 15_000, 24_000, 60_000 })
        {
            var sim = Simulator.Run("c", "", config, new TrafficSeries(SimulatorTests.T0, [ipm], "constant"), fleet);
            var minute = Assert.Single(sim.Timeline);
            var (latencyMs, errorRate) = StepModelCheck.Predict(fleet, ipm, 60, 100);

            Assert.Equal(minute.LatencyMs, latencyMs, 6);
            Assert.Equal(minute.ErrorRateFraction, errorRate, 9);
        }
    }
}
