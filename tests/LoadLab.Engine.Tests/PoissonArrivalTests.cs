using LoadLab.Core.Scenarios;
using LoadLab.Engine.Schedules;

namespace LoadLab.Engine.Tests;

/// <summary>Step ladders and ramps arrive as a Poisson process by default: a pure, seeded function of the profile.</summary>
public sealed class PoissonArrivalTests
{
    private static TimeSpan S(double s) => TimeSpan.FromSeconds(s);
    private static long Ticks(double seconds) => (long)Math.Round(seconds * TimeSpan.TicksPerSecond, MidpointRounding.AwayFromZero);

    /// <summary>The cumulative sums of unit exponentials of the phase's stream (what time rescaling maps to time).</summary>
    private static IEnumerable<double> UnitSums(long seed, int phase)
    {
        var rng = new SplitMix64(SplitMix64.Mix(seed, phase));
        var e = 0.0;
        while (true) yield return e += -Math.Log(rng.NextDoubleOpenZero());
    }

    [Fact]
    public void A_ladder_is_poisson_by_default_at_exact_seeded_start_times()
    {
        // Levels 10/s then 20/s for 10 s each: ∫rate = 10t up to 100 at 10 s, then 100 + 20(t − 10).
        var load = new LoadSpec { Phases = [new PhaseSpec { Shape = PhaseShape.Steps, From = 10, To = 20, Step = 10, Hold = S(10) }] };
        var arrivals = ArrivalSchedule.For(load, seed: 5).ToList();

        var expected = UnitSums(5, 0).TakeWhile(e => e < 300).Select(e => e < 100 ? e / 10 : 10 + (e - 100) / 20).ToList();
        Assert.Equal(expected.Count, arrivals.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(i, arrivals[i].Index);
            Assert.Equal(Ticks(expected[i]), arrivals[i].OffsetTicks);
            Assert.Equal(expected[i] < 10 ? 0 : 1, arrivals[i].Step);
        }
        Assert.Equal(ArrivalProcess.Poisson, RateProfile.For(load).Phases[0].Arrivals);
    }

    [Fact]
    public void A_ramp_is_a_non_homogeneous_poisson_process_of_its_linear_rate()
    {
        // 0 → 10/s over 10 s: ∫rate = t²/2, so a unit-rate sum E maps to t = √(2E).
        var load = new LoadSpec { Phases = [new PhaseSpec { Shape = PhaseShape.Ramp, From = 0, To = 10, Duration = S(10) }] };
        var arrivals = ArrivalSchedule.For(load, seed: 9).ToList();

        var expected = UnitSums(9, 0).TakeWhile(e => e < 50).Select(e => Math.Sqrt(2 * e)).ToList();
        Assert.Equal(expected.Select(Ticks), arrivals.Select(a => a.OffsetTicks));
    }

    [Fact]
    public void Poisson_gaps_vary_like_exponentials_and_uniform_ones_do_not()
    {
        PhaseSpec Ladder(ArrivalProcess? a) => new() { Shape = PhaseShape.Steps, From = 100, To = 100, Step = 1, Hold = S(200), Arrivals = a };
        double Cv(ArrivalProcess? a)
        {
            var t = ArrivalSchedule.For(new LoadSpec { Phases = [Ladder(a)] }, 3).Select(x => x.OffsetTicks / (double)TimeSpan.TicksPerSecond).ToList();
            var gaps = t.Zip(t.Skip(1), (x, y) => y - x).ToList();
            var mean = gaps.Average();
            return Math.Sqrt(gaps.Average(g => (g - mean) * (g - mean))) / mean;
        }
        var poisson = ArrivalSchedule.For(new LoadSpec { Phases = [Ladder(null)] }, 3).Count();

        Assert.InRange(poisson, 20_000 - 4 * Math.Sqrt(20_000), 20_000 + 4 * Math.Sqrt(20_000));
        Assert.InRange(Cv(null), 0.97, 1.03);
        Assert.True(Cv(ArrivalProcess.Uniform) < 1e-6);
    }

    [Fact]
    public void The_schedule_is_a_function_of_the_seed_and_the_load_level_setting_applies_to_every_phase()
    {
        var ramp = new PhaseSpec { Shape = PhaseShape.Ramp, From = 5, To = 50, Duration = S(10) };
        var load = new LoadSpec { Phases = [ramp] };
        Assert.Equal(ArrivalSchedule.For(load, 11).ToList(), ArrivalSchedule.For(load, 11).ToList());
        Assert.NotEqual(ArrivalSchedule.For(load, 11).Select(a => a.OffsetTicks), ArrivalSchedule.For(load, 12).Select(a => a.OffsetTicks));

        var uniform = new LoadSpec { Phases = [ramp], Arrivals = ArrivalProcess.Uniform };
        Assert.Equal(ArrivalSchedule.For(uniform, 11).Select(a => a.OffsetTicks), ArrivalSchedule.For(uniform, 12).Select(a => a.OffsetTicks));
        var constantPoisson = new LoadSpec { Phases = [new PhaseSpec { Shape = PhaseShape.Constant, Rate = 10, Duration = S(10) }], Arrivals = ArrivalProcess.Poisson };
        Assert.Equal(ArrivalProcess.Poisson, RateProfile.For(constantPoisson).Phases[0].Arrivals);
        Assert.Equal(ArrivalProcess.Uniform, RateProfile.For(constantPoisson with { Arrivals = null }).Phases[0].Arrivals);
    }

    [Fact]
    public void Run_json_phase_windows_name_each_phases_arrival_process()
    {
        var load = new LoadSpec
        {
            Phases =
            [
                new PhaseSpec { Shape = PhaseShape.Steps, From = 10, To = 20, Step = 10, Hold = S(10) },
                new PhaseSpec { Shape = PhaseShape.Pause, Duration = S(5) },
                new PhaseSpec { Shape = PhaseShape.Spike, Base = 1, Peak = 5, Duration = S(10) },
                new PhaseSpec { Shape = PhaseShape.Ramp, From = 1, To = 5, Duration = S(10), Arrivals = ArrivalProcess.Uniform },
            ],
        };
        var windows = RateProfile.For(load).PhaseWindows(DateTimeOffset.UnixEpoch);
        Assert.Equal(["poisson", null, "uniform", "uniform"], windows.Select(w => w.Arrivals));
        Assert.All(RateProfile.For(load with { Model = LoadModel.Closed }).PhaseWindows(DateTimeOffset.UnixEpoch), w => Assert.Null(w.Arrivals));
    }
}
