using LoadLab.Core.RunFiles;

namespace LoadLab.Verify.Tests;

/// <summary>
/// The prediction's instance startup comes only from what the analysis measured or the user stated (the policy's
/// basis, else analysis.json, else the recommender's default), never from the endpoint: the observer interface has
/// no way to hand it the endpoint's setting.
/// </summary>
public sealed class PredictionInputsTests
{
    private static RecommendationFile Policy(double startupS, string source) => new()
    {
        Endpoint = "ep", Variant = "AllTraffic",
        RegisterScalableTarget = new() { ResourceId = "endpoint/ep/variant/AllTraffic", MinCapacity = 1, MaxCapacity = 2 },
        PutScalingPolicy = [],
        Basis = new RecommendationBasis { InstanceStartupS = startupS, InstanceStartupSource = source },
    };

    private static AnalysisFile Analysis(double? startupS, bool measured) =>
        new() { Slo = new SloInfo(90, 100, 0.01), InstanceStartupS = startupS, InstanceStartupMeasured = measured };

    [Fact]
    public void The_policys_basis_startup_comes_first_with_its_source()
    {
        var (s, source) = PredictionBuilder.StartupOf(Policy(45, "measured"), Analysis(300, false));
        Assert.Equal(45, s);
        Assert.Equal("the policy's basis (measured)", source);
    }

    [Fact]
    public void Without_a_basis_startup_analysis_json_says_whether_it_measured_it()
    {
        Assert.Equal((120, "analysis.json (measured)"),
            PredictionBuilder.StartupOf(Policy(0, ""), Analysis(120, true)));
        Assert.Equal((300, "analysis.json (assumed)"), PredictionBuilder.StartupOf(Policy(0, ""), Analysis(300, false)));
        Assert.Equal((300, "default (300 s)"), PredictionBuilder.StartupOf(Policy(0, ""), Analysis(null, false)));
    }

    [Fact]
    public void No_observer_can_hand_the_prediction_the_endpoints_startup()
    {
        var members = typeof(Observers.IScalingObserver).GetProperties().Select(p => p.Name).ToList();
        Assert.DoesNotContain(members, n => n.Contains("Startup", StringComparison.Ordinal));
    }
}
