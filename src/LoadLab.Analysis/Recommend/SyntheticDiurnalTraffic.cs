using LoadLab.Core.Ports;
using MathNet.Numerics.Distributions;
using static LoadLab.Analysis.Analyzer;

namespace LoadLab.Analysis.Recommend;

/// <summary>
/// Traffic for the recommender's simulated check when the run has none long enough to replay (a step ladder lasts
/// minutes; the low alarm alone needs 15, a flap needs a fall and a return): two days of a day/night curve scaled to
/// the expected peak, so the scale-in cooldown is still checked against flapping. It is an assumption, not traffic
/// anyone measured, and its source line says so wherever the check is reported. Pure and seeded.
/// </summary>
public static class SyntheticDiurnalTraffic
{
    /// <summary>Two days: the second night's scale-in follows a full day's scale-outs.</summary>
    public const int Days = 2;
    /// <summary>The night trough as a fraction of the peak (0.2: many production endpoints see a 3–6× day/night ratio).</summary>
    public const double TroughFraction = 0.2;
    /// <summary>The hour (UTC, of the synthetic days) at which the curve peaks; the trough is 12 hours earlier.</summary>
    public const int PeakHourUtc = 14;

    /// <summary>The first synthetic minute: a fixed date, so the profile (and every check on it) is reproducible.</summary>
    public static readonly DateTimeOffset FirstMinuteUtc = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    public static TrafficProfile For(double peakRps, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(peakRps);
        var rng = new Random(unchecked((int)seed));
        var counts = new double[Days * 1440];
        for (int m = 0; m < counts.Length; m++)
        {
            double hour = m % 1440 / 60.0;
            double shape = (1 + Math.Cos(2 * Math.PI * (hour - PeakHourUtc) / 24)) / 2;
            double rps = peakRps * (TroughFraction + (1 - TroughFraction) * shape);
            // Poisson counts: the one minute-to-minute noise every real traffic has. More would be a guess about
            // the user's traffic, and a guessed wobble is enough on its own to make any policy flap.
            counts[m] = Poisson.Sample(rng, rps * 60);
        }
        return new TrafficProfile
        {
            PerMinute = counts,
            FirstMinuteUtc = FirstMinuteUtc,
            PerMinuteSource = F("a synthetic {0}-day day/night profile (peak {1:0.#} req/s at {2:00}:00, trough {3:0%} of it, Poisson minute counts, seed {4}; "
                                + "an assumption, not measured traffic: give a trace to check on yours)",
                Days, peakRps, PeakHourUtc, TroughFraction, seed),
        };
    }

    /// <summary>The traffic to check a policy on: the profile's own when it is long enough, else the synthetic one for <paramref name="peakRps"/>.</summary>
    public static TrafficProfile ForCheck(TrafficProfile traffic, double? peakRps, SimulatedCheckOptions check)
    {
        if (traffic.PerMinute is { } perMinute && perMinute.Count >= check.MinMinutes) return traffic;
        return peakRps is > 0 && double.IsFinite(peakRps.Value) ? For(peakRps.Value, check.Seed) : traffic;
    }
}
