using LoadLab.Core.Scenarios;

namespace LoadLab.Core.Tests.Scenarios;

public class RateProfileTests
{
    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    private static RateProfile Profile(params PhaseSpec[] phases) =>
        RateProfile.For(new LoadSpec { Phases = phases });

    /// <summary>Midpoint-rule sum over a fine grid: an independent check of the closed-form integrals.</summary>
    private static double NumericIntegral(RateProfile p, double from, double to, int n = 200_000)
    {
        var h = (to - from) / n;
        double sum = 0;
        for (var i = 0; i < n; i++) sum += p.RateAt(from + (i + 0.5) * h) * h;
        return sum;
    }

    [Fact]
    public void Steps_ladder_has_levels_windows_and_duration()
    {
        var p = Profile(new PhaseSpec { Shape = PhaseShape.Steps, From = 20, To = 260, Step = 40, Hold = S(20), Warmup = S(5) });

        Assert.Equal(new double[] { 20, 60, 100, 140, 180, 220, 260 }, p.Steps.Select(s => s.TargetRate));
        Assert.Equal(S(140), p.Duration);
        var third = p.Steps[2];
        Assert.Equal((2, 0, 40.0, 45.0, 60.0), (third.Index, third.PhaseIndex, third.StartSeconds, third.SteadyStartSeconds, third.EndSeconds));
        Assert.Equal(100, p.RateAt(S(40)));
        Assert.Equal(60, p.RateAt(S(39.999)));
        Assert.Equal(0, p.RateAt(S(140)));
        // 20 s at each level: 20·(20+60+...+260) = 20·980
        Assert.Equal(19_600, p.TotalExpected, 9);
        Assert.Equal(100 * 10 + 140 * 5, p.ExpectedCount(S(50), S(65)), 9);
    }

    [Fact]
    public void Steps_append_to_when_not_a_multiple_and_go_down_with_negative_step()
    {
        Assert.Equal(new double[] { 10, 40, 70, 80 }, RateProfile.StepLevels(10, 80, 30));
        Assert.Equal(new double[] { 100, 75, 50 }, RateProfile.StepLevels(100, 50, -25));
        Assert.Equal(new double[] { 5 }, RateProfile.StepLevels(5, 5, 1));
        Assert.Throws<ArgumentException>(() => RateProfile.StepLevels(100, 50, 25));
    }

    [Fact]
    public void Step_windows_are_numbered_across_phases_and_offset_by_earlier_phases()
    {
        var p = Profile(
            new PhaseSpec { Shape = PhaseShape.Pause, Duration = S(10) },
            new PhaseSpec { Shape = PhaseShape.Steps, From = 1, To = 2, Step = 1, Hold = S(30), Warmup = S(10) },
            new PhaseSpec { Shape = PhaseShape.Steps, From = 5, To = 5, Step = 1, Hold = S(60), Warmup = S(0) });

        Assert.Equal(
            new[] { new ProfileStep(0, 1, 1, 10, 20, 40), new ProfileStep(1, 1, 2, 40, 50, 70), new ProfileStep(2, 2, 5, 70, 70, 130) },
            p.Steps);
        Assert.Equal(new[] { (0.0, 10.0), (10.0, 70.0), (70.0, 130.0) }, p.Phases.Select(x => (x.StartSeconds, x.EndSeconds)));
        Assert.Equal(1, p.PhaseIndexAt(S(10)));
        Assert.Equal(-1, p.PhaseIndexAt(S(130)));
    }

    [Fact]
    public void Windows_for_run_json_are_offsets_from_the_start()
    {
        var p = Profile(
            new PhaseSpec { Shape = PhaseShape.Pause, Duration = S(10) },
            new PhaseSpec { Shape = PhaseShape.Steps, From = 10, To = 20, Step = 10, Hold = S(30), Warmup = S(5) });
        var start = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        Assert.Equal(
            [new RunFiles.PhaseWindow(0, "pause", start, start.AddSeconds(10)), new RunFiles.PhaseWindow(1, "steps", start.AddSeconds(10), start.AddSeconds(70)) { Arrivals = "poisson" }],
            p.PhaseWindows(start));
        Assert.Equal(
            [new RunFiles.StepWindow(0, 1, 10, start.AddSeconds(10), start.AddSeconds(15), start.AddSeconds(40)),
             new RunFiles.StepWindow(1, 1, 20, start.AddSeconds(40), start.AddSeconds(45), start.AddSeconds(70))],
            p.StepWindows(start));
    }

    [Fact]
    public void Ramp_is_linear_and_its_integral_is_the_trapezoid()
    {
        var p = Profile(new PhaseSpec { Shape = PhaseShape.Ramp, From = 200, To = 20, Duration = S(300) });
        Assert.Equal(200, p.RateAt(S(0)));
        Assert.Equal(110, p.RateAt(S(150)), 9);
        Assert.Equal((200 + 20) / 2.0 * 300, p.TotalExpected, 9);
        // First 100 s: from 200 to 140 → 17 000.
        Assert.Equal(17_000, p.ExpectedCount(S(0), S(100)), 9);
    }

    [Fact]
    public void Spike_rises_holds_a_centred_peak_and_falls_back()
    {
        // D = 100, P = 20 → q = 20: base 0-20, rise 20-40, peak 40-60, fall 60-80, base 80-100.
        var p = Profile(new PhaseSpec { Shape = PhaseShape.Spike, Base = 50, Peak = 300, Duration = S(100) });
        Assert.Equal(50, p.RateAt(S(10)));
        Assert.Equal(175, p.RateAt(S(30)), 9);
        Assert.Equal(300, p.RateAt(S(40)), 9);
        Assert.Equal(300, p.RateAt(S(59.9)), 9);
        Assert.Equal(175, p.RateAt(S(70)), 9);
        Assert.Equal(50, p.RateAt(S(90)), 9);
        Assert.Equal(300, p.MaxRate);
        Assert.Equal(50 * 40 + 175 * 40 + 300 * 20, p.TotalExpected, 9);

        var explicitPeak = Profile(new PhaseSpec { Shape = PhaseShape.Spike, Base = 0, Peak = 100, Duration = S(60), PeakDuration = S(20) });
        // q = 10: 0-10 base, 10-20 rise, 20-40 peak, 40-50 fall, 50-60 base.
        Assert.Equal(100, explicitPeak.RateAt(S(20)), 9);
        Assert.Equal(100, explicitPeak.RateAt(S(39.99)), 9);
        Assert.Equal(0.5 * 10 * 100 * 2 + 100 * 20, explicitPeak.TotalExpected, 9);
    }

    [Fact]
    public void Sine_follows_the_formula_and_integrates_exactly()
    {
        var p = Profile(new PhaseSpec { Shape = PhaseShape.Sine, Mean = 100, Amplitude = 60, Period = S(1800), Duration = S(7200) });
        Assert.Equal(100, p.RateAt(S(0)), 9);
        Assert.Equal(160, p.RateAt(S(450)), 9);
        Assert.Equal(40, p.RateAt(S(1350)), 9);
        // Whole periods: the sine part cancels.
        Assert.Equal(100 * 7200, p.TotalExpected, 6);
        // Half a period: mean·T/2 + amplitude·T/π.
        Assert.Equal(100 * 900 + 60 * 1800 / Math.PI, p.ExpectedCount(S(0), S(900)), 6);
        Assert.Equal(NumericIntegral(p, 100, 1000), p.ExpectedCount(S(100), S(1000)), 3);
    }

    [Fact]
    public void Constant_poisson_and_pause_are_flat()
    {
        var p = Profile(
            new PhaseSpec { Shape = PhaseShape.Constant, Rate = 10, Duration = S(60) },
            new PhaseSpec { Shape = PhaseShape.Pause, Duration = S(30) },
            new PhaseSpec { Shape = PhaseShape.Poisson, Rate = 100, Duration = S(300) });
        Assert.Equal(10, p.RateAt(S(59)));
        Assert.Equal(0, p.RateAt(S(60)));
        Assert.Equal(100, p.RateAt(S(90)));
        Assert.Equal(600 + 30_000, p.TotalExpected, 9);
        Assert.Equal(S(390), p.Duration);
    }

    [Fact]
    public void Replay_applies_skip_take_speedup_and_scale()
    {
        var trace = new ReplayTrace(TimeSpan.FromMinutes(1), [600, 1200, 60, 6000, 3000], "/x/trace.csv");
        var p = Profile(new PhaseSpec { Shape = PhaseShape.Replay, Trace = trace, Speedup = 60, Scale = 0.5, Skip = 1, Take = 3 });
        // Rows 1200, 60, 6000; each lasts 1 s; rate = count·0.5·60/60.
        Assert.Equal(S(3), p.Duration);
        Assert.Equal(600, p.RateAt(S(0.5)));
        Assert.Equal(30, p.RateAt(S(1.5)));
        Assert.Equal(3000, p.RateAt(S(2.5)));
        // Speedup compresses time but keeps every request: total = scale·Σcounts.
        Assert.Equal(0.5 * (1200 + 60 + 6000), p.TotalExpected, 9);

        var perSecond = Profile(new PhaseSpec { Shape = PhaseShape.Replay, Trace = trace with { Interval = S(1) } });
        Assert.Equal(1200, perSecond.RateAt(S(1.2)));
        Assert.Equal(S(5), perSecond.Duration);
        Assert.Throws<ArgumentException>(() => Profile(new PhaseSpec { Shape = PhaseShape.Replay, File = "t.csv" }));
    }

    [Fact]
    public void Expected_counts_equal_the_integral_of_the_rate_over_mixed_phases()
    {
        var p = Profile(
            new PhaseSpec { Shape = PhaseShape.Steps, From = 10, To = 50, Step = 20, Hold = S(7), Warmup = S(2) },
            new PhaseSpec { Shape = PhaseShape.Ramp, From = 50, To = 0, Duration = S(13) },
            new PhaseSpec { Shape = PhaseShape.Spike, Base = 5, Peak = 80, Duration = S(17), PeakDuration = S(3) },
            new PhaseSpec { Shape = PhaseShape.Sine, Mean = 30, Amplitude = 20, Period = S(11), Duration = S(19) });
        Assert.Equal(21 + 13 + 17 + 19, p.DurationSeconds, 9);
        Assert.Equal(NumericIntegral(p, 0, p.DurationSeconds), p.TotalExpected, 2);
        Assert.Equal(NumericIntegral(p, 3.3, 47.9), p.Cumulative(47.9) - p.Cumulative(3.3), 2);
    }

    [Fact]
    public void TimeAtCount_inverts_the_cumulative_count()
    {
        var p = Profile(
            new PhaseSpec { Shape = PhaseShape.Constant, Rate = 10, Duration = S(10) },
            new PhaseSpec { Shape = PhaseShape.Pause, Duration = S(5) },
            new PhaseSpec { Shape = PhaseShape.Ramp, From = 0, To = 20, Duration = S(10) },
            new PhaseSpec { Shape = PhaseShape.Sine, Mean = 10, Amplitude = 5, Period = S(4), Duration = S(8) });
        Assert.Equal(0.5, p.TimeAtCount(5)!.Value, 9);
        Assert.Equal(10, p.TimeAtCount(100)!.Value, 9); // reached at the end of the constant phase, before the pause
        // Ramp 0→20 over 10 s: ∫ = t², so 25 more requests at 15 + 5.
        Assert.Equal(20, p.TimeAtCount(125)!.Value, 9);
        foreach (var count in new[] { 1.0, 77.7, 150, 250, 279 })
            Assert.Equal(count, p.Cumulative(p.TimeAtCount(count)!.Value), 6);
        Assert.Null(p.TimeAtCount(p.TotalExpected + 1));
    }
}
