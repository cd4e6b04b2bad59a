using LoadLab.Compare.Loading;
using LoadLab.Compare.Model;
using LoadLab.Compare.Thresholds;

namespace LoadLab.Compare;

/// <summary>Options of one comparison.</summary>
public sealed record ComparisonOptions
{
    /// <summary>Regression thresholds; empty = <see cref="RegressionThreshold.Defaults"/>.</summary>
    public IReadOnlyList<RegressionThreshold> Thresholds { get; init; } = [];
    /// <summary>One-sided significance level of every test.</summary>
    public double SignificanceLevel { get; init; } = 0.01;
}

/// <summary>The pure comparison of two run snapshots (see <see cref="RunSnapshotReader"/>) into one result.</summary>
public static class Comparer
{
    public static string ToolVersion => Core.RunFiles.ToolVersion.Of(typeof(Comparer).Assembly);

    /// <summary>Refuses incompatible runs (<see cref="LadderMatcher"/>), then compares step by step and overall.</summary>
    public static ComparisonResult Compare(RunSnapshot baseline, RunSnapshot run, ComparisonOptions options)
    {
        LadderMatcher.EnsureComparable(baseline, run);
        var thresholds = options.Thresholds.Count > 0 ? options.Thresholds : RegressionThreshold.Defaults;
        var steps = baseline.Steps.Zip(run.Steps, (b, r) =>
            new StepComparison(r.Window.Index, r.Window.TargetRate, Figures.Compare(b.Sample, r.Sample))).ToList();
        var overall = Figures.Compare(baseline.Overall, run.Overall);
        var outcomes = thresholds.Select(t => ThresholdJudge.Judge(t, baseline, run, steps, overall, options.SignificanceLevel)).ToList();
        return new ComparisonResult
        {
            ToolVersion = ToolVersion,
            Scenario = run.Info.ScenarioName,
            Baseline = Identity(baseline),
            Run = Identity(run),
            SignificanceLevelFraction = options.SignificanceLevel,
            Steps = steps,
            Overall = overall,
            Analysis = new AnalysisComparison(Figures.Of(baseline.Analysis, baseline.Recommendation), Figures.Of(run.Analysis, run.Recommendation)),
            Thresholds = outcomes,
            Regression = outcomes.Any(o => o.Regression),
            Regressions = outcomes.Where(o => o.Regression).Select(o => o.Expression).ToList(),
            Notes = Notes(baseline, run),
            Interrupted = baseline.Info.Interrupted || run.Info.Interrupted,
        };
    }

    private static RunIdentity Identity(RunSnapshot s) =>
        new(s.Directory, s.Info.Seed, s.Info.StartUtc, s.Info.ToolVersion, s.Info.Interrupted);

    private static List<string> Notes(RunSnapshot baseline, RunSnapshot run)
    {
        var notes = new List<string>();
        if (baseline.Info.Seed != run.Info.Seed)
            notes.Add($"the runs have different seeds ({baseline.Info.Seed} and {run.Info.Seed}): their arrival schedules differ");
        if (baseline.Info.ToolVersion != run.Info.ToolVersion)
            notes.Add($"the runs were made by different LoadLab versions ({baseline.Info.ToolVersion} and {run.Info.ToolVersion})");
        foreach (var (s, role) in new[] { (baseline, "baseline"), (run, "run") })
            if (s.Info.Interrupted) notes.Add($"the {role} was interrupted ({s.Info.InterruptReason ?? "no reason recorded"}): only what it measured is compared");
        if (baseline.Steps.Count == 0) notes.Add("the scenario has no steady steps: only the whole runs are compared");
        return notes;
    }
}
