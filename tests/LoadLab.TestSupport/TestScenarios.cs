using LoadLab.Core.Scenarios;

namespace LoadLab.TestSupport;

/// <summary>Small scenarios built in code for tests that drive a SageMaker target on the local stack.</summary>
public static class TestScenarios
{
    /// <summary>An open-model constant rate against <paramref name="endpoint"/>/AllTraffic with a tiny JSON payload.</summary>
    public static Scenario SageMakerConstant(string name, string endpoint, string region, double rate, TimeSpan duration, long seed) => new()
    {
        Name = name,
        Target = new TargetSpec { Kind = TargetKind.SageMaker, Endpoint = endpoint, Variant = "AllTraffic", Region = region, Timeout = TimeSpan.FromSeconds(10) },
        Payload = new PayloadSpec { ContentType = "application/json", Inline = "{\"x\":1}" },
        Load = new LoadSpec
        {
            Model = LoadModel.Open, GracefulStop = TimeSpan.FromSeconds(3),
            Phases = [new PhaseSpec { Shape = PhaseShape.Constant, Rate = rate, Duration = duration }],
        },
        Seed = seed,
    };
}
