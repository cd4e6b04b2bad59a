using LoadLab.Core.RunFiles;
using LoadLab.Simulation.Autoscaling;
using LoadLab.Simulation.Candidates;
using LoadLab.Simulation.Fleet;
using LoadLab.Simulation.Traffic;

namespace LoadLab.Simulation.Tests;

/// <summary>Each policy also runs on the pessimistic end of the analysis's interval; SLO-violation minutes become a range.</summary>
public class PessimisticFleetTests
{
    private static AnalysisFile Analysis(double? ciLow) => new()
    {
        Slo = new SloInfo(90, 250, 0.01),
        Curve = new LatencyCurve { Kind = "queueing", L0Ms = 40, A = 20, CapacityIpm = 1200 },
        SustainableIpm = 900,
        SustainableIpmCiLow = ciLow,
        SustainableIpmCiHigh = ciLow is null ? null : 1000,
        MaxRpsPerInstance = 18,
    };

    [Fact]
    public void The_pessimistic_fleet_sustains_the_intervals_low_end_on_the_same_curve_shape()
    {
        var fleet = FleetModel.FromAnalysis(Analysis(720), "analysis.json");
        var low = fleet.AtIntervalLowEnd(Analysis(720))!;

        Assert.Equal(720, low.SustainableIpm, 6);
        Assert.Equal(fleet.CapacityIpm * 0.8, low.CapacityIpm, 6);
        foreach (var x in new[] { 100.0, 500, 900, 1100 })
            Assert.Equal(fleet.Curve.PredictMs(x), low.Curve.PredictMs(x * 0.8), 6);
        Assert.Null(fleet.AtIntervalLowEnd(Analysis(null)));
        Assert.Null(fleet.AtIntervalLowEnd(Analysis(900)));
    }

    [Fact]
    public void Every_candidate_reports_its_violation_minutes_on_both_ends_and_the_weaker_fleet_never_does_better()
    {
        var analysis = Analysis(720);
        var fleet = FleetModel.FromAnalysis(analysis, "analysis.json");
        // A fixed fleet of 10 instances under a day that peaks at 10 × 1,000 IPI: within capacity at the point estimate
        // (1,200 per instance), beyond it at the low end (960).
        var wave = Enumerable.Range(0, 24 * 60).Select(m => 6_000 + 4_000 * Math.Sin(m * 2 * Math.PI / 1440)).ToArray();
        var candidates = new List<Candidate>
        {
            new("fixed-10", CandidateKinds.Policy, "", ScalingConfiguration.TargetTracking(10, 10, 600)),
            new("tt-600", CandidateKinds.Recommendation, "", ScalingConfiguration.TargetTracking(1, 30, 600)),
        };

        var file = CandidateSweep.Run(candidates, new TrafficSeries(SimulatorTests.T0, wave, "sine"), fleet, new SimulationOptions { Seed = 3 },
            pessimistic: fleet.AtIntervalLowEnd(analysis));

        Assert.All(file.Candidates, c => Assert.True(c.SloViolationMinutesPessimistic >= c.SloViolationMinutes, $"{c.Name}: {c.SloViolationMinutes} vs {c.SloViolationMinutesPessimistic}"));
        var fixedFleet = file.Candidates.Single(c => c.Name == "fixed-10");
        Assert.Equal(0, fixedFleet.SloViolationMinutes);
        Assert.True(fixedFleet.SloViolationMinutesPessimistic > 0);
        Assert.Equal(0.8, file.PessimisticFleet!.ScaleFraction, 4);
        Assert.Equal(720, file.PessimisticFleet.SustainableIpm, 2);
    }
}
