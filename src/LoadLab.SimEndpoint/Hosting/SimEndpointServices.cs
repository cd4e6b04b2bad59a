using LoadLab.SimEndpoint.ControlPlane;
using LoadLab.SimEndpoint.Metrics;
using LoadLab.SimEndpoint.Wire;

namespace LoadLab.SimEndpoint.Hosting;

/// <summary>
/// What the host is wired to. Null members mean "none": no control plane and no metric sink is standalone mode.
/// <see cref="SimEndpointHost.StartAsync(Options.SimEndpointOptions, CancellationToken)"/> fills them from the
/// AWS settings; tests pass their own.
/// </summary>
public sealed record SimEndpointServices
{
    /// <summary>Real clock the emulated one is built on (FakeTimeProvider in tests). Default system time.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
    public IMetricSink? MetricSink { get; init; }
    public IControlPlane? ControlPlane { get; init; }
    public ISigV4Verifier? SigV4Verifier { get; init; }
    /// <summary>Application Auto Scaling (and CloudWatch alarms) the autoscaling emulation reads; null = no emulation.</summary>
    public Core.Ports.IScalingConfigStore? ScalingConfig { get; init; }
    /// <summary>Region named in ARNs and log stream names. Default us-east-1.</summary>
    public string Region { get; init; } = "us-east-1";
    /// <summary>Where start-up lines and background failures go. Default nowhere: the CLI passes its stderr.</summary>
    public TextWriter Log { get; init; } = TextWriter.Null;
    /// <summary>Disposed when the endpoint stops (e.g. the AWS context the clients share).</summary>
    public IReadOnlyList<IDisposable> Owned { get; init; } = [];
    /// <summary>Why there is no control plane, when there is none (printed at start).</summary>
    public string? StandaloneReason { get; init; }
}
