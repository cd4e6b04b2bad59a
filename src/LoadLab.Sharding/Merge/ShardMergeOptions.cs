namespace LoadLab.Sharding.Merge;

/// <summary>How to merge shard directories.</summary>
public sealed record ShardMergeOptions
{
    public required IReadOnlyList<string> ShardDirectories { get; init; }
    public required string OutputDirectory { get; init; }
    /// <summary>Wait up to this long for every shard to finish (a merge job started beside the shards); default: do not wait.</summary>
    public TimeSpan Wait { get; init; } = TimeSpan.Zero;
    /// <summary>Merge even when shards are missing (their share of the load is then absent, and the run says so).</summary>
    public bool AllowPartial { get; init; }
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);
}
