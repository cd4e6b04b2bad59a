namespace LoadLab.Engine.Recording;

/// <summary>
/// How <c>latency.hlog</c> is laid out: one interval per second per kind. Untagged lines are the latency of successful
/// requests measured from the SCHEDULED start (the number every HdrHistogram tool shows by default); tagged lines hold
/// the rest. All values are microseconds; merging shards adds the histograms of equal tag and interval.
/// </summary>
public static class LatencyLogTags
{
    /// <summary>Latency (from the scheduled start) of failed requests.</summary>
    public const string Errors = "errors";
    /// <summary>Service time of successful requests: from the actual send to the end of the response.</summary>
    public const string Service = "service";
    /// <summary>Start lateness: actual send minus scheduled start (open model only).</summary>
    public const string Lateness = "lateness";
    /// <summary>Streaming runs: time to first token (from the scheduled start) of successful requests.</summary>
    public const string TimeToFirstToken = "ttft";
    /// <summary>Streaming runs: every gap between consecutive tokens of successful requests.</summary>
    public const string InterTokenLatency = "itl";
}
