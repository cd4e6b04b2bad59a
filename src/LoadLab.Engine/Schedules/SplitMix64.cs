namespace LoadLab.Engine.Schedules;

/// <summary>
/// SplitMix64: a tiny, fully specified generator, so a seed gives the same schedule on every runtime and machine
/// (System.Random's seeded sequence is an implementation detail).
/// </summary>
internal struct SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in (0, 1]: never 0, so -ln(u) is finite.</summary>
    public double NextDoubleOpenZero() => ((NextUInt64() >> 11) + 1) * (1.0 / (1UL << 53));

    /// <summary>Mixes a run seed with a stream number (one stream per phase).</summary>
    public static ulong Mix(long seed, int stream)
    {
        var s = new SplitMix64(unchecked((ulong)seed) ^ (0xD1B54A32D192ED03UL * (ulong)(stream + 1)));
        return s.NextUInt64();
    }
}
