namespace LoadLab.Reporting.Baselines;

/// <summary>
/// compare.json as the report reads it: the figures of the "Against the baseline" section, in compare.json's own
/// names (snake_case, units in the names). The report does not compare runs itself: `loadlab compare`,
/// `run --baseline` and `report --baseline` write compare.json into the run directory, and the report shows it.
/// Fields the report does not show are not read (an added field in compare.json changes nothing here).
/// </summary>
public sealed record BaselineComparison
{
    public int FormatVersion { get; init; }
    public string? Scenario { get; init; }
    public required BaselineRunIdentity Baseline { get; init; }
    public BaselineRunIdentity? Run { get; init; }
    public double SignificanceLevelFraction { get; init; }
    public BaselineScope? Overall { get; init; }
    public BaselineAnalysis? Analysis { get; init; }
    public IReadOnlyList<BaselineThreshold> Thresholds { get; init; } = [];
    public bool Regression { get; init; }
    public IReadOnlyList<string> Regressions { get; init; } = [];
    public IReadOnlyList<string> Notes { get; init; } = [];
    public bool Interrupted { get; init; }
}

public sealed record BaselineRunIdentity(string Directory, long Seed, DateTimeOffset StartUtc, string? ToolVersion, bool Interrupted);

public sealed record BaselineScope(BaselineSide Baseline, BaselineSide Run, BaselineLatencyTest? LatencyTest);

public sealed record BaselineSide(long Requests, long Errors, double ErrorRateFraction, double? P50Ms, double? P90Ms, double? P99Ms);

public sealed record BaselineLatencyTest(double PValue);

public sealed record BaselineAnalysis(BaselineAnalysisSide Baseline, BaselineAnalysisSide Run);

public sealed record BaselineAnalysisSide(double? SustainablePerInstancePerMin, double? TargetValuePerInstancePerMin);

public sealed record BaselineThreshold(string Expression, bool Regression, IReadOnlyList<BaselineCheck> Checks);

/// <summary>One threshold in one scope; the values sit under the names of its unit (ms, fraction or per_min).</summary>
public sealed record BaselineCheck
{
    public required string Scope { get; init; }
    public required string Unit { get; init; }
    public bool Judged { get; init; }
    public bool Holds { get; init; }
    public double? PValue { get; init; }
    public bool Significant { get; init; }
    public bool Regression { get; init; }
    public string? Note { get; init; }
    public double? BaselineMs { get; init; }
    public double? LimitMs { get; init; }
    public double? ObservedMs { get; init; }
    public double? BaselineFraction { get; init; }
    public double? LimitFraction { get; init; }
    public double? ObservedFraction { get; init; }
    public double? BaselinePerMin { get; init; }
    public double? LimitPerMin { get; init; }
    public double? ObservedPerMin { get; init; }

    public double? BaselineValue => BaselineMs ?? BaselineFraction ?? BaselinePerMin;
    public double? LimitValue => LimitMs ?? LimitFraction ?? LimitPerMin;
    public double? ObservedValue => ObservedMs ?? ObservedFraction ?? ObservedPerMin;

    /// <summary>The check a reader looks at first: a regression, else a broken one, else the last (overall).</summary>
    public static BaselineCheck? Worst(IReadOnlyList<BaselineCheck> checks) =>
        checks.FirstOrDefault(k => k.Regression) ?? checks.FirstOrDefault(k => k.Judged && !k.Holds) ?? checks.LastOrDefault();
}

/// <summary>verdict.json's <c>baseline</c>: the comparison in brief (compare.json holds the rest).</summary>
public sealed record BaselineSummary(string BaselineDirectory, long BaselineSeed, bool Regression, IReadOnlyList<string> Regressions)
{
    public static BaselineSummary From(BaselineComparison c) => new(c.Baseline.Directory, c.Baseline.Seed, c.Regression, c.Regressions);
}
