namespace LoadLab.Core.RunFiles;

/// <summary>The names of the files in a run directory (DESIGN.md, "The pipeline and its files").</summary>
public sealed record RunDirectory(string Path)
{
    public string RunJson => Combine("run.json");
    public string TimelineCsv => Combine("timeline.csv");
    public string StepsCsv => Combine("steps.csv");
    public string LatencyHlog => Combine("latency.hlog");
    public string MetricsJson => Combine("metrics.json");
    public string AnalysisJson => Combine("analysis.json");
    public string RecommendationJson => Combine("recommendation.json");
    public string SimulationJson => Combine("simulation.json");
    public string ReportHtml => Combine("report.html");
    public string SummaryMd => Combine("summary.md");
    public string VerdictJson => Combine("verdict.json");
    /// <summary>Optional closed-loop check written by <c>loadlab verify</c> (see <see cref="VerifyFile"/>); the report shows it.</summary>
    public string VerifyJson => Combine("verify.json");
    /// <summary>Optional DescribeEndpoint samples taken during the run (see <see cref="InstanceSamplesCsv"/>); collect merges them into metrics.json.</summary>
    public string InstancesCsv => Combine("instances.csv");

    private string Combine(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Default run directory: <c>reports/&lt;scenario&gt;-&lt;yyyyMMddTHHmmssZ&gt;</c>.</summary>
    public static RunDirectory Default(string reportsRoot, string scenarioName, DateTimeOffset startUtc)
    {
        var safe = new string(scenarioName.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray());
        return new RunDirectory(System.IO.Path.Combine(reportsRoot,
            $"{safe}-{startUtc.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture)}"));
    }
}
