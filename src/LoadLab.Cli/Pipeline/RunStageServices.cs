using LoadLab.Analysis;
using LoadLab.Aws;
using LoadLab.Aws.CloudWatch;
using LoadLab.Aws.Collector;
using LoadLab.Cli.Infrastructure;
using LoadLab.Core.RunFiles;
using LoadLab.Reporting;
using LoadLab.Simulation;
using LoadLab.Simulation.Checks;

namespace LoadLab.Cli.Pipeline;

/// <summary>
/// The stages after the load as typed calls: a run directory and the stage's options in, the stage's result out
/// (what it wrote, its warnings and findings). Each delegates to its project's service; none prints, none knows an
/// exit code. Bad input is a UserInputException, an AWS failure the AWS layer's exception.
/// </summary>
public sealed class RunStageServices(AwsSettings aws, TimeProvider time)
{
    /// <summary>CloudWatch metrics for the run's window into metrics.json (a SageMaker target's run only).</summary>
    public async Task<MetricsFile> CollectAsync(string runDir, CollectStageOptions options, CancellationToken ct)
    {
        options.Validate();
        var run = CollectService.ReadCollectableRun(runDir);
        using var context = AwsContext.Create(aws.Region ?? run.Target.Region, aws.Profile, aws.EndpointUrl);
        return await CollectService.CollectRunDirectoryAsync(runDir, context.CloudWatch(), context.SageMaker(), time, options.Collector, ct)
            .ConfigureAwait(false);
    }

    /// <summary>analysis.json and recommendation.json (and steps.csv's server columns when metrics.json exists).</summary>
    public AnalyzeOutcome Analyze(string runDir, AnalyzeStageOptions options)
    {
        options.Validate();
        return AnalysisService.AnalyzeRunDirectory(runDir, options.Analyzer, options.Recommender, new SimulatedPolicyCheck());
    }

    /// <summary>The policy backtest into simulation.json.</summary>
    public async Task<SimulateOutcome> SimulateAsync(string runDir, SimulateStageOptions options, CancellationToken ct)
    {
        options.Validate();
        using var context = options.Request.FromCloudWatchEndpoint is null ? null : AwsContext.Create(aws.Region, aws.Profile, aws.EndpointUrl);
        return await SimulationService.RunAsync(options.Request with
        {
            RunDirectory = runDir,
            History = context is null ? null : new CloudWatchInvocations(context.CloudWatch()),
            NowUtc = time.GetUtcNow(),
        }, ct).ConfigureAwait(false);
    }

    /// <summary>report.html, summary.md, verdict.json and/or report.junit.xml (and the summary export), and the verdict they carry.</summary>
    public ReportResult Report(string runDir, ReportStageOptions options) =>
        ReportService.Write(runDir, options.Validate().Formats, time, options.SummaryExportPath);

    /// <summary>The summary export alone, when the report stage was not chosen.</summary>
    public ReportResult SummaryOnly(string runDir, string summaryExportPath) =>
        ReportService.Write(runDir, ReportFormats.None, time, summaryExportPath);

    /// <summary>AWS/SageMaker Invocations (Sum, 60 s) for one variant, through the AWS layer's CloudWatch client.</summary>
    private sealed class CloudWatchInvocations(ICloudWatchClient client) : IInvocationHistory
    {
        public Task<IReadOnlyList<(DateTimeOffset TimeUtc, double Count)>> InvocationsPerMinuteAsync(string endpoint, string variant,
            DateTimeOffset startUtc, DateTimeOffset endUtc, CancellationToken cancellationToken) =>
            client.SumPerMinuteAsync("Invocations", endpoint, variant, startUtc, endUtc, cancellationToken);
    }
}
