namespace LoadLab.Core.RunFiles;

/// <summary>
/// <c>startup.json</c>: one measured instance startup of a variant, from an UpdateEndpointWeightsAndCapacities that
/// raised its desired count by one to the sample in which the new instance was in service. Times are on the endpoint's
/// clock (the sim endpoint's emulated clock locally, real time on AWS).
/// </summary>
public sealed record StartupProbeFile
{
    public required string Endpoint { get; init; }
    public required string Variant { get; init; }
    /// <summary>How the instance counts were read: "AWS (DescribeEndpoint)" or the sim's admin API.</summary>
    public required string Observer { get; init; }
    public int DesiredBefore { get; init; }
    public int DesiredDuringProbe { get; init; }
    public DateTimeOffset UpdateAcceptedUtc { get; init; }
    /// <summary>The first sample that saw the added instance in service; null when the probe timed out.</summary>
    public DateTimeOffset? InServiceUtc { get; init; }
    /// <summary>Seconds from the accepted update to that sample: the startup, over-stated by at most <see cref="ResolutionS"/>.</summary>
    public double? StartupS { get; init; }
    /// <summary>The sampling interval on the endpoint's clock: the true startup lies in (StartupS − ResolutionS, StartupS].</summary>
    public double ResolutionS { get; init; }
    /// <summary>True when the desired count was set back to <see cref="DesiredBefore"/> (the request was accepted).</summary>
    public bool Restored { get; init; }
    public IReadOnlyList<EndpointSample> Samples { get; init; } = [];
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
