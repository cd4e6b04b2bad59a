using System.Globalization;
using LoadLab.Core.Errors;

namespace LoadLab.Engine.Schedules;

/// <summary>
/// Shard <see cref="Index"/> of <see cref="Count"/> (0-based, like a Kubernetes Indexed Job's JOB_COMPLETION_INDEX):
/// an open-model shard takes every <see cref="Count"/>-th arrival starting at <see cref="Index"/>, so the shards are
/// disjoint and their union is exactly the single-machine schedule; a closed-model shard takes its share of the users.
/// </summary>
public sealed record ShardSpec
{
    public static readonly ShardSpec Whole = new(0, 1);

    public ShardSpec(int index, int count)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "a run has at least one shard");
        if (index < 0 || index >= count)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"shard index must be in 0..{count - 1}");
        Index = index;
        Count = count;
    }

    public int Index { get; }
    public int Count { get; }
    public bool IsWhole => Count == 1;

    /// <summary>Whether the arrival with this global index belongs to this shard.</summary>
    public bool Includes(long arrivalIndex) => arrivalIndex % Count == Index;

    /// <summary>This shard's share of <paramref name="users"/> virtual users (the remainder goes to the lowest indices).</summary>
    public int UsersOf(int users) => users / Count + (Index < users % Count ? 1 : 0);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");

    /// <summary>Parses <c>i/N</c> with 0 &lt;= i &lt; N; bad input becomes a <see cref="UserInputException"/> (exit 2).</summary>
    public static ShardSpec Parse(string text, string source = "--shard")
    {
        var parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var i)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            && n >= 1 && i < n)
            return new ShardSpec(i, n);
        throw new UserInputException(source, "shard",
            $"'{text}' is not a shard: expected i/N with N >= 1 and 0 <= i < N (0-based, e.g. 0/3, 1/3, 2/3)");
    }
}
