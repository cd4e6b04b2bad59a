using LoadLab.Core.Scenarios;

namespace LoadLab.Engine.Tests.Support;

internal static class Scenarios
{
    public static Scenario Http(Uri url, LoadSpec load, IReadOnlyList<string>? thresholds = null, bool abortOnFail = false,
        TimeSpan? timeout = null, long seed = 1) => new()
    {
        Name = "engine-test",
        Target = new TargetSpec { Kind = TargetKind.Http, Url = url.ToString(), Method = "POST", Timeout = timeout ?? TimeSpan.FromSeconds(10) },
        Payload = new PayloadSpec { ContentType = "application/json", Inline = "{\"x\":1}" },
        Load = load,
        Thresholds = thresholds ?? [],
        AbortOnFail = abortOnFail,
        Seed = seed,
    };

    public static LoadSpec Open(params PhaseSpec[] phases) => new() { Model = LoadModel.Open, Phases = phases, GracefulStop = TimeSpan.FromSeconds(3) };

    public static PhaseSpec Constant(double rate, double seconds) =>
        new() { Shape = PhaseShape.Constant, Rate = rate, Duration = TimeSpan.FromSeconds(seconds) };
}
