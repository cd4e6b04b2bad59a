using LoadLab.Core.Errors;

namespace LoadLab.Verify.Probe;

/// <summary>How `loadlab probe-startup` measures one instance startup. Validated before anything is changed.</summary>
public sealed record StartupProbeOptions
{
    /// <summary>DescribeEndpoint sampling interval, real time. Default 5 s (the measurement's resolution on AWS).</summary>
    public TimeSpan SampleEvery { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest wait for the added instance, real time; the desired count is restored either way. Default 30 min.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(30);

    public IReadOnlyList<Problem> Validate()
    {
        var p = new List<Problem>();
        if (SampleEvery < TimeSpan.FromMilliseconds(100) || SampleEvery > TimeSpan.FromMinutes(1))
            p.Add(Problem.General("probe-startup", "--sample-every", "must be between 100ms and 1m"));
        if (Timeout < TimeSpan.FromSeconds(1) || Timeout > TimeSpan.FromHours(2))
            p.Add(Problem.General("probe-startup", "--timeout", "must be between 1s and 2h"));
        return p;
    }
}
