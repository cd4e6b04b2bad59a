using LoadLab.Core.Errors;
using LoadLab.Core.Scenarios;
using LoadLab.Engine.Schedules;

namespace LoadLab.Engine.Tests;

public sealed class ArrivalScheduleTests
{
    private static LoadSpec Load(params PhaseSpec[] phases) => new() { Phases = phases };
    private static TimeSpan S(double s) => TimeSpan.FromSeconds(s);
    private static long Ticks(double seconds) => (long)Math.Round(seconds * TimeSpan.TicksPerSecond);

    [Fact]
    public void Constant_rate_starts_every_interval_from_zero_and_counts_rate_times_duration()
    {
        var arrivals = ArrivalSchedule.For(Load(new PhaseSpec { Shape = PhaseShape.Constant, Rate = 10, Duration = S(60) }), seed: 1).ToList();
        Assert.Equal(600, arrivals.Count);
        for (var i = 0; i < arrivals.Count; i++)
        {
            Assert.Equal(i, arrivals[i].Index);
            Assert.Equal(i * 1_000_000L, arrivals[i].OffsetTicks); // exactly k × 100 ms
        }
    }

    [Fact]
    public void Ramp_inverts_the_integral_of_the_linear_rate()
    {
        // 0 → 10/s over 10 s: ∫ = t²/2, so request n starts at √(2n) s and there are 50 of them.
        var arrivals = ArrivalSchedule.For(Load(new PhaseSpec { Shape = PhaseShape.Ramp, From = 0, To = 10, Duration = S(10), Arrivals = ArrivalProcess.Uniform }), 1).ToList();
        Assert.Equal(50, arrivals.Count);
        for (var n = 0; n < 50; n++) Assert.Equal(Ticks(Math.Sqrt(2 * n)), arrivals[n].OffsetTicks);
    }

    [Fact]
    public void Downward_ramp_and_constant_back_to_back_carry_the_count()
    {
        // 10 → 0 over 2 s (10 requests) then 5/s for 2 s (10 requests): 20 in all, the 11th exactly at 2 s.
        var arrivals = ArrivalSchedule.For(Load(
            new PhaseSpec { Shape = PhaseShape.Ramp, From = 10, To = 0, Duration = S(2), Arrivals = ArrivalProcess.Uniform },
            new PhaseSpec { Shape = PhaseShape.Constant, Rate = 5, Duration = S(2) }), 1).ToList();
        Assert.Equal(20, arrivals.Count);
        // Ramp: 10t − 2.5t² = n  →  t = (10 − √(100 − 10n)) / 5
        for (var n = 0; n < 10; n++) Assert.Equal(Ticks((10 - Math.Sqrt(100 - 10.0 * n)) / 5), arrivals[n].OffsetTicks);
        Assert.Equal(Ticks(2.0), arrivals[10].OffsetTicks);
        Assert.Equal(Ticks(2.2), arrivals[11].OffsetTicks);
        Assert.All(arrivals.Take(10), a => Assert.Equal(0, a.Phase));
        Assert.All(arrivals.Skip(10), a => Assert.Equal(1, a.Phase));
    }

    [Fact]
    public void Steps_hold_each_level_and_tag_arrivals_with_their_step()
    {
        var arrivals = ArrivalSchedule.For(Load(new PhaseSpec
        {
            Shape = PhaseShape.Steps, From = 10, To = 30, Step = 10, Hold = S(10), Warmup = S(2), Arrivals = ArrivalProcess.Uniform,
        }), 1).ToList();
        Assert.Equal(100 + 200 + 300, arrivals.Count);
        Assert.Equal(100, arrivals.Count(a => a.Step == 0));
        Assert.Equal(200, arrivals.Count(a => a.Step == 1));
        Assert.Equal(300, arrivals.Count(a => a.Step == 2));
        Assert.Equal(Ticks(10), arrivals[100].OffsetTicks);  // first request of the 20/s level
        Assert.Equal(Ticks(10.05), arrivals[101].OffsetTicks);
        Assert.Equal(Ticks(20), arrivals[300].OffsetTicks);
    }

    [Fact]
    public void Pause_receives_nothing_and_the_next_phase_starts_at_its_first_instant()
    {
        var arrivals = ArrivalSchedule.For(Load(
            new PhaseSpec { Shape = PhaseShape.Constant, Rate = 2, Duration = S(1) },
            new PhaseSpec { Shape = PhaseShape.Pause, Duration = S(5) },
            new PhaseSpec { Shape = PhaseShape.Constant, Rate = 4, Duration = S(1) }), 1).ToList();
        Assert.Equal([0, Ticks(0.5), Ticks(6), Ticks(6.25), Ticks(6.5), Ticks(6.75)], arrivals.Select(a => a.OffsetTicks));
        Assert.DoesNotContain(arrivals, a => a.Phase == 1);
    }

    [Fact]
    public void Sine_count_equals_the_integral_and_times_invert_it()
    {
        // mean 10, amplitude 5, period 20 s, for two periods: ∫ = 400 exactly.
        var arrivals = ArrivalSchedule.For(Load(new PhaseSpec
        {
            Shape = PhaseShape.Sine, Mean = 10, Amplitude = 5, Period = S(20), Duration = S(40),
        }), 1).ToList();
        Assert.Equal(400, arrivals.Count);
        var w = 2 * Math.PI / 20;
        double Integral(double t) => 10 * t + 5 / w * (1 - Math.Cos(w * t));
        for (var n = 0; n < arrivals.Count; n += 37)
            Assert.Equal(n, Integral(arrivals[n].Offset.TotalSeconds), 4); // within 100 ns × rate
        // Denser at the crest (t = 5 s) than at the trough (t = 15 s).
        Assert.True(arrivals.Count(a => a.Offset >= S(4) && a.Offset < S(6)) > arrivals.Count(a => a.Offset >= S(14) && a.Offset < S(16)) * 2);
    }

    [Fact]
    public void Spike_follows_the_profile_and_counts_its_integral()
    {
        // base 10, peak 100, D = 10 s, peak 2 s: q = 2 s; ∫ = 10·2 + 55·2 + 100·2 + 55·2 + 10·2 = 460.
        var arrivals = ArrivalSchedule.For(Load(new PhaseSpec
        {
            Shape = PhaseShape.Spike, Base = 10, Peak = 100, Duration = S(10), PeakDuration = S(2),
        }), 1).ToList();
        Assert.Equal(460, arrivals.Count);
        Assert.Equal(200, arrivals.Count(a => a.Offset >= S(4) && a.Offset < S(6)));
    }

    [Fact]
    public void Replay_spreads_each_interval_count_evenly_at_the_speedup()
    {
        var trace = new ReplayTrace(TimeSpan.FromMinutes(1), [60, 0, 120], "/trace.csv");
        var arrivals = ArrivalSchedule.For(Load(new PhaseSpec { Shape = PhaseShape.Replay, Speedup = 60, Trace = trace }), 1).ToList();
        // Each minute lasts 1 s: 60 requests in [0,1), none in [1,2), 120 in [2,3).
        Assert.Equal(180, arrivals.Count);
        Assert.Equal(60, arrivals.Count(a => a.Offset < S(1)));
        Assert.DoesNotContain(arrivals, a => a.Offset >= S(1) && a.Offset < S(2));
        Assert.Equal(Ticks(2), arrivals[60].OffsetTicks);
        Assert.Equal(Ticks(2.5), arrivals[120].OffsetTicks);
    }

    [Fact]
    public void Poisson_is_reproducible_from_the_seed_and_has_the_mean_rate()
    {
        var load = Load(new PhaseSpec { Shape = PhaseShape.Poisson, Rate = 200, Duration = S(100) });
        var a = ArrivalSchedule.For(load, seed: 42).ToList();
        var b = ArrivalSchedule.For(load, seed: 42).ToList();
        var c = ArrivalSchedule.For(load, seed: 43).ToList();
        Assert.Equal(a, b);
        Assert.NotEqual(a.Select(x => x.OffsetTicks), c.Select(x => x.OffsetTicks));
        // 20,000 expected; a Poisson count's sd is √20000 ≈ 141, so ±5 sd.
        Assert.InRange(a.Count, 20_000 - 710, 20_000 + 710);
        Assert.True(a.Zip(a.Skip(1)).All(p => p.First.OffsetTicks <= p.Second.OffsetTicks));
        // Exponential gaps: the coefficient of variation is 1 (a constant rate has 0).
        var gaps = a.Zip(a.Skip(1)).Select(p => (p.Second.OffsetTicks - p.First.OffsetTicks) / 1e7).ToArray();
        var mean = gaps.Average();
        var sd = Math.Sqrt(gaps.Select(g => (g - mean) * (g - mean)).Average());
        Assert.InRange(sd / mean, 0.95, 1.05);
    }

    [Fact]
    public void Shards_are_disjoint_and_their_union_is_the_whole_schedule()
    {
        var load = Load(
            new PhaseSpec { Shape = PhaseShape.Ramp, From = 5, To = 50, Duration = S(10) },
            new PhaseSpec { Shape = PhaseShape.Poisson, Rate = 40, Duration = S(5) },
            new PhaseSpec { Shape = PhaseShape.Constant, Rate = 33, Duration = S(3) });
        var whole = ArrivalSchedule.For(load, 7).ToList();
        var shards = Enumerable.Range(0, 3).Select(i => ArrivalSchedule.For(load, 7, new ShardSpec(i, 3)).ToList()).ToList();
        Assert.Equal(whole.Count, shards.Sum(s => s.Count));
        Assert.Equal(whole, shards.SelectMany(s => s).OrderBy(a => a.Index).ToList());
        for (var i = 0; i < 3; i++) Assert.All(shards[i], a => Assert.Equal(i, a.Index % 3));
    }

    [Theory]
    [InlineData("0/1", 0, 1)]
    [InlineData("2/3", 2, 3)]
    public void Shard_parses_zero_based(string text, int index, int count)
    {
        var s = ShardSpec.Parse(text);
        Assert.Equal((index, count), (s.Index, s.Count));
        Assert.Equal(text, s.ToString());
    }

    [Theory]
    [InlineData("4/3")]
    [InlineData("3/3")]
    [InlineData("-1/3")]
    [InlineData("1/0")]
    [InlineData("a/b")]
    [InlineData("1")]
    public void Bad_shards_are_user_errors(string text)
    {
        var e = Assert.Throws<UserInputException>(() => ShardSpec.Parse(text));
        Assert.Contains("shard", e.Message);
    }

    [Fact]
    public void Closed_model_users_follow_the_profile_and_split_across_shards()
    {
        var profile = RateProfile.For(new LoadSpec
        {
            Model = LoadModel.Closed,
            Phases = [new PhaseSpec { Shape = PhaseShape.Ramp, From = 0, To = 10, Duration = S(10) }, new PhaseSpec { Shape = PhaseShape.Constant, Rate = 7, Duration = S(5) }],
        });
        var users = new UserSchedule(profile);
        Assert.Equal(0, users.UsersAt(S(0)));
        Assert.Equal(5, users.UsersAt(S(5)));
        Assert.Equal(7, users.UsersAt(S(12)));
        Assert.Equal(0, users.UsersAt(S(15)));
        var shares = Enumerable.Range(0, 3).Select(i => new UserSchedule(profile, new ShardSpec(i, 3)).UsersAt(S(12))).ToList();
        Assert.Equal([3, 2, 2], shares);
    }
}
