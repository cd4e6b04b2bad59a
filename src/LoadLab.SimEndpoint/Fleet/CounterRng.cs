namespace LoadLab.SimEndpoint.Fleet;

/// <summary>
/// A seeded, lock-free random source for the hot path: draw n is SplitMix64(seed, n), so the sequence is fixed by the
/// seed and threads only share one Interlocked counter (no lock, no per-thread state). Which request gets which
/// draw still depends on arrival order, as in any concurrent server.
/// </summary>
public sealed class CounterRng(ulong seed)
{
    private long _counter;

    public static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A child seed, e.g. one per instance, independent of the parent's draws.</summary>
    public static ulong Derive(long seed, string purpose, long index)
    {
        ulong h = Mix((ulong)seed);
        foreach (var ch in purpose) h = Mix(h ^ ch);
        return Mix(h ^ (ulong)index);
    }

    /// <summary>Uniform in the open interval (0, 1): safe for log().</summary>
    public double NextDouble()
    {
        var n = (ulong)Interlocked.Increment(ref _counter);
        var z = Mix(seed + n * 0x9E3779B97F4A7C15UL);
        return ((z >> 11) + 0.5) * (1.0 / (1UL << 53));
    }

    /// <summary>Uniform integer in [0, n).</summary>
    public int NextInt(int n) => n <= 1 ? 0 : (int)(NextDouble() * n);
}
