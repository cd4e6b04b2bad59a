namespace LoadLab.Core.Scenarios;

/// <summary>
/// A traffic trace for a <c>replay</c> phase: request counts per fixed interval (one minute or one second),
/// in file order. Read once by the loader, so a run never re-reads (or races with) the file.
/// </summary>
/// <param name="Interval">Length of one row: 1 minute or 1 second, detected from the timestamps.</param>
/// <param name="Counts">Requests counted in each interval (non-negative).</param>
/// <param name="SourcePath">Absolute path of the CSV file it came from.</param>
/// <param name="FirstTimestamp">Timestamp of the first row as written in the file, when it had one.</param>
public sealed record ReplayTrace(TimeSpan Interval, IReadOnlyList<double> Counts, string SourcePath, string? FirstTimestamp = null)
{
    /// <summary>Start of the first row (UTC); a plain-number timestamp counts seconds since 1970-01-01. Null when
    /// the trace was built in code rather than read.</summary>
    public DateTimeOffset? StartUtc { get; init; }

    /// <summary>Sum of every count.</summary>
    public double Total => Counts.Sum();
}
