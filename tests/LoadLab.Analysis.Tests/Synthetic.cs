using LoadLab.Core.RunFiles;

namespace LoadLab.Analysis.Tests;

/// <summary>Synthetic runs with a known latency curve, so tests know the answer the analysis must find.</summary>
internal static class Synthetic
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    public static RunInfo Run(int steps, SloInfo? slo = null, RecommendInfo? recommend = null, string model = "open",
        IReadOnlyList<PhaseWindow>? phases = null, long seed = 42) => new()
    {
        ScenarioName = "synthetic",
        Target = new RunTarget("sagemaker", "ep-test", "AllTraffic", "us-east-1", null),
        Seed = seed,
        ToolVersion = "test",
        LoadModel = model,
        StartUtc = T0,
        EndUtc = T0.AddMinutes(3 * steps),
        Phases = phases ?? [new PhaseWindow(0, "steps", T0, T0.AddMinutes(3 * steps)) { Arrivals = "poisson" }],
        Steps = Enumerable.Range(0, steps).Select(i => new StepWindow(i, 0, 0, T0.AddMinutes(3 * i), T0.AddMinutes(3 * i).AddSeconds(30), T0.AddMinutes(3 * i + 3))).ToList(),
        Slo = slo ?? new SloInfo(90, 250, 0.01),
        Recommend = recommend,
    };

    /// <summary>
    /// One step per offered IPI on <paramref name="instances"/> instances. Below capacity the p90 follows
    /// <paramref name="latency"/> with multiplicative noise; at or above it, throughput flattens at 98.5 % of
    /// capacity and latency is that of a full queue.
    /// </summary>
    public static List<StepRow> Steps(IEnumerable<double> offeredIpm, Func<double, double> latency, double capacity = double.PositiveInfinity,
        double noise = 0.03, int seed = 7, int instances = 1, Func<double, double>? errorRate = null, bool fillIpi = true)
    {
        var rng = new Random(seed);
        var rows = new List<StepRow>();
        int i = 0;
        foreach (var offered in offeredIpm)
        {
            double x = offered < capacity ? offered : capacity * 0.985;
            double lat = offered < capacity ? latency(x) : 3000;
            double Noisy(double v) => v * (1 + noise * (2 * rng.NextDouble() - 1));
            double err = errorRate?.Invoke(offered) ?? 0;
            double rps = x * instances / 60;
            long requests = (long)Math.Round(rps * 150);
            long errors = (long)Math.Round(requests * err);
            rows.Add(new StepRow
            {
                Step = i,
                StartUtc = T0.AddMinutes(3 * i).AddSeconds(30),
                EndUtc = T0.AddMinutes(3 * i + 3),
                OfferedRps = offered * instances / 60,
                AchievedRps = rps,
                Requests = requests,
                Ok = requests - errors,
                Errors = errors,
                ErrorRateFraction = requests > 0 ? (double)errors / requests : 0,
                ClientP50Ms = Noisy(lat * 0.6),
                ClientP90Ms = Noisy(lat),
                ClientP99Ms = Noisy(lat * 1.5),
                Instances = fillIpi ? instances : null,
                InvocationsPerInstancePerMin = fillIpi ? x : null,
            });
            i++;
        }
        return rows;
    }

    public static IEnumerable<double> Range(double from, double to, double step)
    {
        for (double x = from; x <= to + 1e-9; x += step) yield return x;
    }
}
