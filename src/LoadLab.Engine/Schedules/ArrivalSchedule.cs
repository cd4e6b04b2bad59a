using System.Collections;
using LoadLab.Core.Scenarios;

namespace LoadLab.Engine.Schedules;

/// <summary>
/// The exact open-model schedule of a run: every request's start offset, as a pure function of the
/// <see cref="RateProfile"/>, the seed and the shard. Lazily enumerated (memory stays flat however long the run).
/// <para>Deterministic shapes: request n (n = 0, 1, ...) starts at the first instant where the expected count
/// ∫rate reaches n, which is k6's ramping-arrival-rate rule (integrate the piecewise rate and invert it). So a
/// constant 10/s starts at 0, 0.1, 0.2 s ..., a ramp 0→r over D starts at √(2nD/r), and the number of requests
/// equals the integral of the rate (rounded up when it is fractional). Each phase owns the integers n in
/// [∫ to its start, ∫ to its end), so zero-rate stretches (pauses, empty replay minutes) never receive a request.</para>
/// <para>Poisson phases draw exponential gaps with the phase's mean rate from a SplitMix64 stream derived from the seed
/// and the phase index, so the same seed gives the same schedule. Other phases whose arrival process is Poisson (step
/// ladders and ramps by default, <see cref="ArrivalProcesses"/>) are a non-homogeneous Poisson process of their rate,
/// from the same kind of stream; <c>arrivals: uniform</c> keeps them on the deterministic rule above.</para>
/// <para>Sharding: arrivals carry their global <see cref="Arrival.Index"/>; shard i/N yields the indices ≡ i (mod N),
/// computed without generating other shards' deterministic arrivals.</para>
/// </summary>
public sealed class ArrivalSchedule : IEnumerable<Arrival>
{
    // Relative tolerance when comparing integer counts with floating cumulative sums (600 must not become 599.9999…).
    private const double CountTolerance = 1e-9;

    public ArrivalSchedule(RateProfile profile, long seed, ShardSpec? shard = null)
    {
        Profile = profile ?? throw new ArgumentNullException(nameof(profile));
        Seed = seed;
        Shard = shard ?? ShardSpec.Whole;
    }

    public RateProfile Profile { get; }
    public long Seed { get; }
    public ShardSpec Shard { get; }
    public TimeSpan Duration => Profile.Duration;

    public static ArrivalSchedule For(LoadSpec load, long seed, ShardSpec? shard = null) => new(RateProfile.For(load), seed, shard);

    public IEnumerator<Arrival> GetEnumerator()
    {
        long global = 0;
        var steps = new StepCursor(Profile.Steps);
        foreach (var phase in Profile.Phases)
        {
            if (phase.EndSeconds <= phase.StartSeconds) continue;
            if (phase.Shape == PhaseShape.Poisson)
            {
                var rate = (Profile.Cumulative(phase.EndSeconds) - Profile.Cumulative(phase.StartSeconds))
                           / (phase.EndSeconds - phase.StartSeconds);
                if (rate <= 0) continue;
                var rng = new SplitMix64(SplitMix64.Mix(Seed, phase.Index));
                var t = phase.StartSeconds;
                while (true)
                {
                    t += -Math.Log(rng.NextDoubleOpenZero()) / rate;
                    if (t >= phase.EndSeconds) break;
                    if (Shard.Includes(global)) yield return Make(global, t, phase.Index, ref steps);
                    global++;
                }
                continue;
            }
            if (phase.Arrivals == ArrivalProcess.Poisson)
            {
                foreach (var t in PoissonTimes(phase))
                {
                    if (Shard.Includes(global)) yield return Make(global, t, phase.Index, ref steps);
                    global++;
                }
                continue;
            }

            var c0 = Profile.Cumulative(phase.StartSeconds);
            var c1 = Profile.Cumulative(phase.EndSeconds);
            var first = (long)Math.Ceiling(c0 - CountTolerance * Math.Max(1, c0));
            var end = (long)Math.Ceiling(c1 - CountTolerance * Math.Max(1, c1));
            var count = Math.Max(0, end - first);
            // First position j in this phase whose global index belongs to the shard.
            var j = ((Shard.Index - global) % Shard.Count + Shard.Count) % Shard.Count;
            for (; j < count; j += Shard.Count)
            {
                var t = TimeOf(first + j, phase);
                yield return Make(global + j, t, phase.Index, ref steps);
            }
            global += count;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Counts the arrivals of this shard (enumerates; O(arrivals)).</summary>
    public long Count()
    {
        long n = 0;
        foreach (var _ in this) n++;
        return n;
    }

    /// <summary>
    /// A Poisson process of the phase's (varying) rate by time rescaling: unit-rate exponential gaps accumulate in
    /// expected-count space from the phase's start, and each sum is mapped back to time through the inverse of
    /// ∫rate. So a step holds a Poisson process of its level, and a ramp one of its linear rate.
    /// </summary>
    private IEnumerable<double> PoissonTimes(ProfilePhase phase)
    {
        var c0 = Profile.Cumulative(phase.StartSeconds);
        var c1 = Profile.Cumulative(phase.EndSeconds);
        if (c1 <= c0) yield break;
        var rng = new SplitMix64(SplitMix64.Mix(Seed, phase.Index));
        var count = c0;
        while (true)
        {
            count += -Math.Log(rng.NextDoubleOpenZero());
            if (count >= c1) yield break;
            var t = Profile.TimeAtCount(count) ?? phase.EndSeconds;
            if (t >= phase.EndSeconds) yield break;
            yield return Math.Max(t, phase.StartSeconds);
        }
    }

    /// <summary>Start (seconds) of deterministic request n, which the phase owns.</summary>
    private double TimeOf(long n, ProfilePhase phase)
    {
        var t = Profile.TimeAtCount(n) ?? phase.EndSeconds;
        // The count may be reached at the end of an earlier phase (followed by a pause): it starts this phase.
        if (t < phase.StartSeconds) t = phase.StartSeconds;
        // Inside a zero-rate stretch the count was reached at its start; the request belongs where the rate resumes.
        if (Profile.RateAt(t) <= 0 && Profile.RateAt(t + 1e-7) <= 0)
        {
            var target = n + CountTolerance * Math.Max(1, n);
            double lo = t, hi = phase.EndSeconds;
            for (var i = 0; i < 200 && hi - lo > 1e-10; i++)
            {
                var mid = (lo + hi) / 2;
                if (Profile.Cumulative(mid) > target) hi = mid; else lo = mid;
            }
            t = hi;
        }
        return Math.Min(t, phase.EndSeconds);
    }

    private static Arrival Make(long index, double seconds, int phase, ref StepCursor steps)
    {
        var ticks = (long)Math.Round(seconds * TimeSpan.TicksPerSecond, MidpointRounding.AwayFromZero);
        return new Arrival(index, ticks, phase, steps.StepAt(seconds));
    }

    /// <summary>Finds the step of monotonically increasing offsets in O(1) amortised.</summary>
    private struct StepCursor(IReadOnlyList<ProfileStep> steps)
    {
        private int _i;

        public int StepAt(double seconds)
        {
            while (_i < steps.Count && steps[_i].EndSeconds <= seconds) _i++;
            return _i < steps.Count && steps[_i].StartSeconds <= seconds ? steps[_i].Index : -1;
        }
    }
}
