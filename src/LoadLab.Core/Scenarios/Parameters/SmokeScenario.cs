namespace LoadLab.Core.Scenarios.Parameters;

/// <summary>
/// <c>loadlab run --smoke</c>: the same scenario with every phase cut to a few seconds at a low rate, to check the
/// wiring (credentials, endpoint, payload, thresholds) before a long run. Its name gains a <c>-smoke</c> suffix, so
/// its run directory, comparisons and trends are never mistaken for the real scenario's.
/// </summary>
public static class SmokeScenario
{
    /// <summary>How long each phase lasts in a smoke run.</summary>
    public static readonly TimeSpan PhaseDuration = TimeSpan.FromSeconds(5);

    /// <summary>The highest rate of a smoke phase (requests/s, open model); lower when the phase's own mean rate is lower.</summary>
    public const double MaxRatePerS = 2;

    /// <summary>Virtual users of a smoke phase (closed model).</summary>
    public const int Users = 1;

    /// <summary>Warm-up requests of a smoke run, at most (fewer when the scenario asks for fewer).</summary>
    public const int MaxWarmupRequests = 2;

    public const string NameSuffix = "-smoke";

    public static Scenario Of(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var profile = RateProfile.For(scenario.Load);
        var closed = scenario.Load.Model == LoadModel.Closed;
        var phases = scenario.Load.Phases.Select((phase, i) => Smoke(phase, profile.Phases[i], profile, closed)).ToList();
        var name = scenario.Name.Length + NameSuffix.Length <= 80 ? scenario.Name + NameSuffix : scenario.Name[..(80 - NameSuffix.Length)] + NameSuffix;
        return scenario with
        {
            Name = name,
            Description = $"smoke run of {scenario.Name}: each phase {DurationText.Format(PhaseDuration)} at a low rate",
            Load = scenario.Load with
            {
                Phases = phases,
                WarmupRequests = Math.Min(scenario.Load.WarmupRequests, MaxWarmupRequests),
            },
        };
    }

    private static PhaseSpec Smoke(PhaseSpec phase, ProfilePhase window, RateProfile profile, bool closed)
    {
        if (phase.Shape == PhaseShape.Pause)
            return Keep(phase, new PhaseSpec { Shape = PhaseShape.Pause, Duration = phase.Duration < PhaseDuration ? phase.Duration : PhaseDuration });
        var mean = window.EndSeconds > window.StartSeconds
            ? profile.ExpectedCount(window.Start, window.End) / (window.EndSeconds - window.StartSeconds)
            : 0;
        var rate = closed ? Users : Math.Min(MaxRatePerS, mean > 0 ? mean : MaxRatePerS);
        return Keep(phase, new PhaseSpec { Shape = PhaseShape.Constant, Rate = rate, Duration = PhaseDuration, Arrivals = phase.Arrivals });
    }

    private static PhaseSpec Keep(PhaseSpec original, PhaseSpec smoke) => smoke with { Line = original.Line, Column = original.Column };
}
