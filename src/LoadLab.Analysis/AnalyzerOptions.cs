namespace LoadLab.Analysis;

/// <summary>Knobs of <see cref="Analyzer"/>, with documented defaults. <see cref="Validate"/> rejects nonsense.</summary>
public sealed record AnalyzerOptions
{
    /// <summary>Bootstrap resamples for the 95 % confidence interval (default 1000).</summary>
    public int BootstrapResamples { get; init; } = 1000;
    /// <summary>Bootstrap seed; null means the run's seed (run.json), so the same files always give the same output.</summary>
    public long? Seed { get; init; }
    /// <summary>Fewer usable steps than this is "too few steps": warn and recommend conservatively (default 5).</summary>
    public int MinSteps { get; init; } = 5;
    /// <summary>A step whose achieved rate is below this fraction of the offered rate has flattened (default 0.95).</summary>
    public double FlatteningRatio { get; init; } = 0.95;
    /// <summary>How far beyond the highest tested IPI the fitted curve is trusted (default 0.10 = 10 %).</summary>
    public double MaxExtrapolation { get; init; } = 0.10;
    /// <summary>A chosen fit with R² below this is "too noisy" (default 0.80; R² is on the relative scale, where the flat part's jitter weighs as much as the knee).</summary>
    public double NoisyRSquared { get; init; } = 0.80;
    /// <summary>On a flat curve (latency within ×1.5 over the steps, where R² says nothing), a fit whose relative RMSE exceeds this is "too noisy" (default 0.15).</summary>
    public double NoisyRelativeRmse { get; init; } = 0.15;
    /// <summary>A CI wider than this fraction of the estimate is "too noisy" (default 0.30).</summary>
    public double NoisyCiWidth { get; init; } = 0.30;
    /// <summary>Steps failing more than this fraction of requests are left out of the latency fit (their latency is survivors' only; default 0.05).</summary>
    public double FitMaxErrorRate { get; init; } = 0.05;
    /// <summary>A fit whose relative residual at a step near the SLO exceeds this is not used for the limit (default 0.15 = 15 %): the limit is interpolated between the measured steps instead.</summary>
    public double MaxNearSloResidual { get; init; } = 0.15;
    /// <summary>A step whose load-generator start lateness at the judged percentile exceeds this fraction of the SLO's latency bound is re-judged on service time (default 0.10).</summary>
    public double LatenessBoundFraction { get; init; } = 0.10;
    /// <summary>Instance startup assumed when the run did not scale and the scenario does not say (default 300 s).</summary>
    public double DefaultInstanceStartupS { get; init; } = 300;

    public AnalyzerOptions Validate()
    {
        var bad = new List<string>();
        if (BootstrapResamples is < 0 or > 100_000) bad.Add($"BootstrapResamples must be 0..100000 (got {BootstrapResamples})");
        if (MinSteps < 2) bad.Add($"MinSteps must be at least 2 (got {MinSteps})");
        if (FlatteningRatio is <= 0 or > 1) bad.Add($"FlatteningRatio must be in (0, 1] (got {FlatteningRatio})");
        if (MaxExtrapolation is < 0 or > 1) bad.Add($"MaxExtrapolation must be in [0, 1] (got {MaxExtrapolation})");
        if (NoisyRSquared is < 0 or > 1) bad.Add($"NoisyRSquared must be in [0, 1] (got {NoisyRSquared})");
        if (NoisyRelativeRmse <= 0) bad.Add($"NoisyRelativeRmse must be positive (got {NoisyRelativeRmse})");
        if (NoisyCiWidth <= 0) bad.Add($"NoisyCiWidth must be positive (got {NoisyCiWidth})");
        if (MaxNearSloResidual <= 0) bad.Add($"MaxNearSloResidual must be positive (got {MaxNearSloResidual})");
        if (LatenessBoundFraction <= 0) bad.Add($"LatenessBoundFraction must be positive (got {LatenessBoundFraction})");
        if (DefaultInstanceStartupS <= 0) bad.Add($"DefaultInstanceStartupS must be positive (got {DefaultInstanceStartupS})");
        if (bad.Count > 0) throw new ArgumentException(string.Join("; ", bad));
        return this;
    }
}
