using LoadLab.Core.Ports;

namespace LoadLab.Analysis.Recommend;

public enum StepScalingMode { Auto, Always, Never }

/// <summary>Knobs of <see cref="Recommender"/>, with documented defaults.</summary>
public sealed record RecommenderOptions
{
    /// <summary>Growth per minute assumed when neither the scenario, a trace nor the run's ramps say (default 0.05 = +5 %/min).</summary>
    public double DefaultGrowthPerMinute { get; init; } = 0.05;
    /// <summary>Target tracking's high alarm needs this many one-minute datapoints above target (AWS: 3).</summary>
    public int ReactionDatapoints { get; init; } = 3;
    /// <summary>Headroom never below this (measurement noise; default 0.10) nor above this (beyond it step scaling must handle the spikes; default 0.60).</summary>
    public double MinHeadroom { get; init; } = 0.10;
    public double MaxHeadroom { get; init; } = 0.60;
    /// <summary>Production endpoints keep at least two instances (AWS advice for availability; default true).</summary>
    public bool Production { get; init; } = true;
    /// <summary>Step scaling for fast spikes: Auto includes it when growth outruns target tracking or the run had a spike phase.</summary>
    public StepScalingMode StepScaling { get; init; } = StepScalingMode.Auto;
    /// <summary>Growth per minute above which target tracking alone is too slow and Auto adds step scaling (default 0.10).</summary>
    public double StepScalingGrowthThreshold { get; init; } = 0.10;
    /// <summary>Hours per day the peak is assumed to last for the daily cost when no trace gives a profile (default 8).</summary>
    public double AssumedPeakHoursPerDay { get; init; } = 8;
    /// <summary>Prefix of policy, alarm and scheduled-action names (default "loadlab").</summary>
    public string NamePrefix { get; init; } = "loadlab";
    /// <summary>
    /// A conservative run's target rests on its 95 % interval's low end; when that low end is below this fraction of
    /// the estimate (default 0.5), the run says too little to size a fleet from and no recommendation is made: a target
    /// of a few IPI "to be safe" would cost many times what the endpoint needs, and a guess is not a measurement.
    /// </summary>
    public double MinTrustedLowFraction { get; init; } = 0.5;
    /// <summary>The simulated check of the scale-in cooldown and the target on the traffic (see <see cref="SimulatedCheckOptions"/>).</summary>
    public SimulatedCheckOptions SimulatedCheck { get; init; } = new();

    public RecommenderOptions Validate()
    {
        var bad = new List<string>();
        if (DefaultGrowthPerMinute is < 0 or > 10) bad.Add($"DefaultGrowthPerMinute must be 0..10 (got {DefaultGrowthPerMinute})");
        if (ReactionDatapoints is < 1 or > 60) bad.Add($"ReactionDatapoints must be 1..60 (got {ReactionDatapoints})");
        if (MinHeadroom < 0 || MaxHeadroom >= 1 || MinHeadroom > MaxHeadroom) bad.Add($"need 0 <= MinHeadroom <= MaxHeadroom < 1 (got {MinHeadroom}, {MaxHeadroom})");
        if (AssumedPeakHoursPerDay is < 0 or > 24) bad.Add($"AssumedPeakHoursPerDay must be 0..24 (got {AssumedPeakHoursPerDay})");
        if (MinTrustedLowFraction is < 0 or >= 1) bad.Add($"MinTrustedLowFraction must be in [0, 1) (got {MinTrustedLowFraction})");
        if (string.IsNullOrWhiteSpace(NamePrefix)) bad.Add("NamePrefix must not be empty");
        if (bad.Count > 0) throw new ArgumentException(string.Join("; ", bad));
        SimulatedCheck.Validate();
        return this;
    }
}
