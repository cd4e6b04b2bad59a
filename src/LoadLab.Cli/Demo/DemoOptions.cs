using LoadLab.Core.Errors;
using LoadLab.SimEndpoint.Options;

namespace LoadLab.Cli.Demo;

/// <summary>
/// The demo's fleet and run. Defaults: one instance of 4 workers with a 64-deep queue and a 20 ms lognormal
/// service time (about 200 requests/s per instance, latency-bound before it sheds load), 10-second metrics so a
/// short run has many datapoints, and a 30 s instance startup.
/// </summary>
public sealed record DemoOptions
{
    public string Scenario { get; init; } = Path.Combine("scenarios", "default.yaml");
    public string? OutputDirectory { get; init; }
    public long Seed { get; init; } = 42;
    public string EndpointName { get; init; } = "loadlab-demo";
    public string Variant { get; init; } = "AllTraffic";
    public string Region { get; init; } = "us-east-1";
    public int Instances { get; init; } = 1;
    public int Workers { get; init; } = 4;
    public int Queue { get; init; } = 64;
    public string ServiceTime { get; init; } = "lognormal:20ms,cv=0.5";
    public TimeSpan StartupDelay { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan MetricsPeriod { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>Skip the closed-loop check at the end (the spike against the live policy).</summary>
    public bool SkipVerify { get; init; }
    /// <summary>Fail the demo (exit 1) when the analysis misses the sim's theory by more than the tolerance (default: true;
    /// a scenario with seconds-long steps cannot pin the sustainable load that closely, so its tests turn it off).</summary>
    public bool CheckTheory { get; init; } = true;

    public SimEndpointOptions SimOptions() => new()
    {
        Port = 0,
        EndpointName = EndpointName,
        Variants = [new VariantSpec(Variant, 1, null)],
        Instances = Instances,
        Workers = Workers,
        Queue = Queue,
        ServiceTime = ServiceTimeSpec.TryParse(ServiceTime, out var spec, out var error)
            ? spec
            : throw new UserInputException("demo", "--service-time", error),
        StartupDelay = StartupDelay,
        MetricsPeriod = MetricsPeriod,
        Seed = Seed,
        Region = Region,
    };
}
