namespace LoadLab.Core.Ports;

/// <summary>
/// Knobs of the recommender's simulated check (<see cref="ISimulatedCheck"/>), with documented defaults. The check
/// replays the traffic the recommender already derived (a replayed trace, else the run's own offered load per minute)
/// through the simulator's autoscaler and fleet model, seeded, so it stays a pure function of the run's files.
/// </summary>
public sealed record SimulatedCheckOptions
{
    /// <summary>Run the check at all (default true). False keeps the variability-only cooldown and the unchecked target.</summary>
    public bool Enabled { get; init; } = true;
    /// <summary>
    /// Fewer minutes of traffic than this and nothing is simulated (default 60): the low alarm alone needs 15 minutes,
    /// so a shorter series cannot show a scale-in followed by a scale-out.
    /// </summary>
    public int MinMinutes { get; init; } = 60;
    /// <summary>At most this many minutes are simulated, from the start (default 14 days, the look-back of `loadlab simulate`).</summary>
    public int MaxMinutes { get; init; } = 14 * 1440;
    /// <summary>
    /// Scale-in cooldowns tried above the variability-based one (default 600, 900, 1200, 1800, 2700, 3600 s): the
    /// shortest one, starting from the variability-based value, that does not flap is chosen; if all flap, the shortest
    /// of those that flap least.
    /// The ladder reaches an hour (the variability rule's own ceiling) because a scale-out ends the scale-in cooldown:
    /// on traffic that falls and comes back, only a cooldown longer than the flap window (30 min) stops the last
    /// scale-in of a decline from being undone by the return.
    /// </summary>
    public IReadOnlyList<int> ScaleInCooldownLadderS { get; init; } = [600, 900, 1200, 1800, 2700, 3600];
    /// <summary>SLO-violation minutes allowed before the target is stepped down: the larger of this count (default 2)...</summary>
    public double AllowedViolationMinutes { get; init; } = 2;
    /// <summary>...and this fraction of the simulated minutes (default 0.01: the SLO holds in 99 % of minutes).</summary>
    public double AllowedViolationFraction { get; init; } = 0.01;
    /// <summary>Each step multiplies the target by this (default 0.85).</summary>
    public double TargetStepFactor { get; init; } = 0.85;
    /// <summary>At most this many steps down (default 4: 0.85^4 ≈ 0.52 of the first target).</summary>
    public int MaxTargetSteps { get; init; } = 4;
    /// <summary>
    /// Never below the AWS rule of thumb (max RPS per instance × 0.5 × 60) times this (default 0.5); without a rule
    /// of thumb, never below the sustainable rate times this.
    /// </summary>
    public double FloorFactor { get; init; } = 0.5;
    /// <summary>Seed of the simulator (instance startup spread; default 42), recorded in recommendation.json.</summary>
    public long Seed { get; init; } = 42;

    public SimulatedCheckOptions Validate()
    {
        var bad = new List<string>();
        if (MinMinutes < 16) bad.Add($"SimulatedCheck.MinMinutes must be at least 16 (got {MinMinutes})");
        if (MaxMinutes < MinMinutes) bad.Add($"SimulatedCheck.MaxMinutes must be at least MinMinutes (got {MaxMinutes})");
        if (ScaleInCooldownLadderS.Any(c => c is < 0 or > 86400)) bad.Add("SimulatedCheck.ScaleInCooldownLadderS values must be 0..86400 s");
        if (AllowedViolationMinutes < 0 || AllowedViolationFraction is < 0 or > 1) bad.Add("SimulatedCheck allowances must be non-negative (fraction at most 1)");
        if (TargetStepFactor is <= 0 or >= 1) bad.Add($"SimulatedCheck.TargetStepFactor must be in (0, 1) (got {TargetStepFactor})");
        if (MaxTargetSteps is < 0 or > 20) bad.Add($"SimulatedCheck.MaxTargetSteps must be 0..20 (got {MaxTargetSteps})");
        if (FloorFactor is <= 0 or > 1) bad.Add($"SimulatedCheck.FloorFactor must be in (0, 1] (got {FloorFactor})");
        if (bad.Count > 0) throw new ArgumentException(string.Join("; ", bad));
        return this;
    }
}
