namespace LoadLab.Engine.Schedules;

/// <summary>
/// One scheduled request of an open-model run.
/// </summary>
/// <param name="Index">Position in the whole (unsharded) schedule, from 0: the same arrival has the same index on every shard.</param>
/// <param name="OffsetTicks">Scheduled start, in <see cref="TimeSpan"/> ticks (100 ns) after the start of the load.</param>
/// <param name="Phase">Index of the phase it belongs to.</param>
/// <param name="Step">Index of the <c>steps</c> level it falls in (numbered across the run), or -1.</param>
public readonly record struct Arrival(long Index, long OffsetTicks, int Phase, int Step)
{
    public TimeSpan Offset => TimeSpan.FromTicks(OffsetTicks);
}
