namespace LoadLab.Engine.Running;

/// <summary>
/// DescribeEndpoint sampling during a run against a SageMaker endpoint (see <see cref="InstanceSampler"/>). Defaults
/// are what <c>loadlab run</c> uses; <c>--sample-instances off</c> turns sampling off.
/// </summary>
public sealed record InstanceSamplingOptions
{
    /// <summary>
    /// Time between samples, counted from the first one (no drift; a slot missed by a slow call is skipped). Default
    /// 10 s: instances take minutes to start, and DescribeEndpoint is a rate-limited control-plane call.
    /// </summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long the last sample, taken when the load has stopped, may take before it is given up (with the one
    /// warning). Default 10 s, so an interrupted run is not held up for long.
    /// </summary>
    public TimeSpan FinalSampleTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public const double MinIntervalSeconds = 1;

    public void Validate()
    {
        if (Interval < TimeSpan.FromSeconds(MinIntervalSeconds))
            throw new ArgumentOutOfRangeException(nameof(Interval), Interval, $"must be at least {MinIntervalSeconds:0} s");
        if (FinalSampleTimeout <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(FinalSampleTimeout), FinalSampleTimeout, "must be positive");
    }
}
