using LoadLab.Analysis.Recommend;
using LoadLab.Analysis.RunFiles;
using LoadLab.Analysis.Steps;
using LoadLab.Core.Errors;
using LoadLab.Core.Findings;
using LoadLab.Core.Json;
using LoadLab.Core.Ports;
using LoadLab.Core.RunFiles;

namespace LoadLab.Analysis;

/// <summary>What <see cref="AnalysisService.AnalyzeRunDirectory"/> wrote and said.</summary>
public sealed record AnalyzeOutcome
{
    public required AnalysisFile Analysis { get; init; }
    public RecommendationFile? Recommendation { get; init; }
    public bool StepsCsvRewritten { get; init; }
    /// <summary>Why there is no recommendation, when there is none.</summary>
    public IReadOnlyList<string> WhyNoRecommendation { get; init; } = [];
    public IReadOnlyList<string> FilesWritten { get; init; } = [];
}

/// <summary>
/// <c>loadlab analyze &lt;run-dir&gt;</c>: reads run.json, steps.csv (or timeline.csv), latency.hlog and metrics.json (optional) and a
/// replayed trace; joins the steps, analyses, recommends; writes analysis.json, recommendation.json and (when
/// metrics.json exists) steps.csv with the server columns. Identical files give byte-identical outputs.
/// Throws <see cref="UserInputException"/> (exit 2) only when nothing can be said; otherwise problems become warnings.
/// </summary>
public static class AnalysisService
{
    /// <param name="simulator">The recommender's simulated check (LoadLab.Simulation's, wired by the CLI); without it
    /// the recommendation says no check was run.</param>
    public static AnalyzeOutcome AnalyzeRunDirectory(string runDir, AnalyzerOptions? analyzerOptions = null, RecommenderOptions? recommenderOptions = null,
        ISimulatedCheck? simulator = null)
    {
        var loaded = RunFilesLoader.Load(runDir);
        var dir = loaded.Directory;
        if (loaded.Run is null || loaded.Fatal.Count > 0) throw new UserInputException(loaded.Problems);
        var run = loaded.Run;
        var upstream = loaded.Problems.Select(p => Finding.Warning(AnalysisCodes.InputIgnored, $"{p} (ignored; the analysis goes on without it)")).ToList();
        if (loaded.Steps is null && loaded.Timeline is null)
        {
            var problems = loaded.Problems.ToList();
            if (!File.Exists(dir.StepsCsv) && !File.Exists(dir.TimelineCsv))
                problems.Add(Problem.General(dir.StepsCsv, "", "the file is missing, and so is timeline.csv: there are no measurements to analyse"));
            throw new UserInputException(problems);
        }

        var joined = StepAggregator.Aggregate(run, loaded.Steps, loaded.Timeline, loaded.Metrics);
        var usable = CutSteps.LeaveOutShort(run, joined.Steps);
        if (usable.Steps.Count == 0)
            throw new UserInputException([.. loaded.Problems, Problem.General(dir.StepsCsv, "", "no steady step to analyse: " + string.Join("; ", [.. joined.Warnings.Select(w => w.Text), .. usable.Reasons.Select(w => w.Text)]))]);

        var logWarnings = new List<Finding>();
        var logs = StepHistograms.Read(dir.LatencyHlog, run.Steps, logWarnings);
        var analysis = Analyzer.Analyze(run, usable.Steps, loaded.Metrics, analyzerOptions, [.. upstream, .. joined.Warnings, .. usable.Reasons, .. logWarnings], logs);

        var notes = new List<string>();
        var trace = TraceLocator.Find(run, notes);
        var traffic = trace is not null ? TrafficProfiler.FromTrace(trace) : TrafficProfiler.FromRun(run, loaded.Timeline);
        var result = Recommender.Recommend(analysis, run, usable.Steps, traffic, recommenderOptions, simulator);
        var recommendation = result.File is null ? null : result.File with { Rationale = [.. result.File.Rationale, .. notes, .. traffic.Notes] };

        var written = new List<string>();
        LoadLabJson.WriteFile(dir.AnalysisJson, analysis);
        written.Add(dir.AnalysisJson);
        if (recommendation is not null)
        {
            LoadLabJson.WriteFile(dir.RecommendationJson, recommendation);
            written.Add(dir.RecommendationJson);
        }
        else if (File.Exists(dir.RecommendationJson)) File.Delete(dir.RecommendationJson); // never leave a stale policy next to a new analysis

        bool rewritten = false;
        if (loaded.Metrics is not null)
        {
            if (loaded.StepsSheet is { } sheet)
            {
                StepsCsv.FillServerColumns(sheet, joined.Steps);
                AtomicFile.WriteAllText(dir.StepsCsv, sheet.ToCsv());
            }
            else StepsCsv.Write(dir.StepsCsv, joined.Steps);
            rewritten = true;
            written.Add(dir.StepsCsv);
        }
        return new AnalyzeOutcome
        {
            Analysis = analysis, Recommendation = recommendation, StepsCsvRewritten = rewritten,
            WhyNoRecommendation = result.WhyNot, FilesWritten = written,
        };
    }
}
