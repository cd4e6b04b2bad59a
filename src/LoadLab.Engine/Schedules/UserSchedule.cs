using LoadLab.Core.Scenarios;

namespace LoadLab.Engine.Schedules;

/// <summary>
/// Closed model: how many virtual users run at each offset, from the same <see cref="RateProfile"/> (whose rate is
/// read as a user count). Rounded to the nearest whole user; a shard runs its share (<see cref="ShardSpec.UsersOf"/>).
/// </summary>
public sealed class UserSchedule(RateProfile profile, ShardSpec? shard = null)
{
    private readonly ShardSpec _shard = shard ?? ShardSpec.Whole;

    public RateProfile Profile { get; } = profile;
    public TimeSpan Duration => Profile.Duration;

    public int UsersAt(TimeSpan offset)
    {
        if (offset < TimeSpan.Zero || offset >= Profile.Duration) return 0;
        var users = (int)Math.Round(Math.Max(0, Profile.RateAt(offset)), MidpointRounding.AwayFromZero);
        return _shard.UsersOf(users);
    }

    /// <summary>Most users at any time (sizes the connection pool).</summary>
    public int MaxUsers => _shard.UsersOf((int)Math.Ceiling(Profile.MaxRate));
}
