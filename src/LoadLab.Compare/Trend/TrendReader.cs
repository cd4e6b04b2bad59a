using LoadLab.Core.Errors;
using LoadLab.Core.RunFiles;

namespace LoadLab.Compare.Trend;

/// <summary>
/// Reads every run directory directly under a reports folder into a <see cref="TrendResult"/>. A folder without
/// run.json (or with files that do not read) is skipped and named, so one broken run does not hide the others.
/// </summary>
public static class TrendReader
{
    public static TrendResult Read(string reportsDirectory, string? scenario = null)
    {
        if (!Directory.Exists(reportsDirectory))
            throw new UserInputException(reportsDirectory, "", "the reports directory does not exist");
        var points = new List<(string Scenario, TrendPoint Point)>();
        var skipped = new List<string>();
        foreach (var dir in Directory.GetDirectories(reportsDirectory).Order(StringComparer.Ordinal))
        {
            var files = new RunDirectory(dir);
            if (!File.Exists(files.RunJson)) continue;
            try
            {
                var info = RunJson.ReadRun(files.RunJson);
                // Named among the skipped runs: a point for it would plot a run whose end is unknown.
                ProvisionalRun.Refuse(files.RunJson, info, "left out of the trend");
                points.Add((info.ScenarioName, Point(dir, info, files)));
            }
            catch (UserInputException e)
            {
                skipped.Add($"{dir}: {e.Problems[0].Message}");
            }
        }
        var names = points.Select(p => p.Scenario).Distinct().Order(StringComparer.Ordinal).ToList();
        if (scenario is not null && !names.Contains(scenario))
            throw new UserInputException(reportsDirectory, "--scenario",
                $"no run of scenario '{scenario}' here" + (names.Count > 0 ? $" (found: {string.Join(", ", names)})" : ""));
        if (names.Count == 0)
            throw new UserInputException(reportsDirectory, "", "no run directory (with a run.json) directly under this directory");
        var trends = names.Where(n => scenario is null || n == scenario)
            .Select(n => new ScenarioTrend(n, points.Where(p => p.Scenario == n).Select(p => p.Point).OrderBy(p => p.StartUtc).ToList()))
            .ToList();
        return new TrendResult { ToolVersion = Comparer.ToolVersion, ReportsDirectory = Path.GetFullPath(reportsDirectory), Scenarios = trends, Skipped = skipped };
    }

    private static TrendPoint Point(string dir, RunInfo info, RunDirectory files)
    {
        var analysis = File.Exists(files.AnalysisJson) ? RunJson.Read<AnalysisFile>(files.AnalysisJson) : null;
        var rec = File.Exists(files.RecommendationJson) ? RunJson.Read<RecommendationFile>(files.RecommendationJson) : null;
        double? target = rec?.Basis.TargetValue;
        double? latency = target is { } t && analysis?.Curve is { } curve && double.IsFinite(curve.PredictMs(t)) ? curve.PredictMs(t) : null;
        return new TrendPoint(Path.GetFileName(dir), info.StartUtc, info.Seed, info.Interrupted,
            analysis?.SustainableIpm, analysis?.SustainableIpmCiLow, analysis?.SustainableIpmCiHigh,
            target, analysis?.Slo.LatencyPercentile, latency, rec?.Cost?.CostPerHourAtPeakUsd, rec?.Cost?.CostPerDayUsd);
    }
}
