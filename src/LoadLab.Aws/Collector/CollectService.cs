using LoadLab.Core.Findings;
using System.Text.Json;
using LoadLab.Aws.CloudWatch;
using LoadLab.Aws.SageMaker;
using LoadLab.Core.Errors;
using LoadLab.Core.Json;
using LoadLab.Core.RunFiles;

namespace LoadLab.Aws.Collector;

/// <summary>
/// <c>loadlab collect &lt;run-dir&gt;</c>: reads run.json (and instances.csv when the run recorded DescribeEndpoint
/// samples), collects, writes metrics.json. Bad run directories are <see cref="UserInputException"/> (exit 2);
/// AWS failures propagate as the AWS layer's exceptions (exit 3).
/// </summary>
public static class CollectService
{
    public static async Task<MetricsFile> CollectRunDirectoryAsync(string runDir, ICloudWatchClient cloudWatch, ISageMakerClient sageMaker,
        TimeProvider time, CollectorOptions? options = null, CancellationToken ct = default)
    {
        var dir = new RunDirectory(runDir);
        var run = ReadCollectableRun(runDir);
        IReadOnlyList<InstanceCountSample>? recorded = null;
        if (File.Exists(dir.InstancesCsv)) recorded = InstanceSamplesCsv.Read(dir.InstancesCsv);
        var end = run.EndUtc ?? (run.Steps.Count > 0 ? run.Steps.Max(s => s.EndUtc) : time.GetUtcNow());
        var collector = new MetricsCollector(cloudWatch, sageMaker, time, options);
        var metrics = await collector.CollectAsync(new CollectRequest(run.Target.Endpoint!, run.Target.Variant ?? "AllTraffic",
            run.StartUtc, end, run.Target.Region, recorded), ct).ConfigureAwait(false);
        if (run.EndUtc is null)
            metrics = metrics with { Warnings = [.. metrics.Warnings, Finding.Warning("collect.window_guessed", "run.json has no end time (interrupted run?): the window ends at the last step")] };
        LoadLabJson.WriteFile(dir.MetricsJson, metrics);
        return metrics;
    }

    /// <summary>run.json of a run whose endpoint's metrics can be collected (checked before any AWS client is made).</summary>
    /// <exception cref="UserInputException">run.json is missing or invalid, or the target is not a SageMaker endpoint.</exception>
    public static RunInfo ReadCollectableRun(string runDir)
    {
        var path = new RunDirectory(runDir).RunJson;
        var run = ReadRun(path);
        if (!string.Equals(run.Target.Kind, "sagemaker", StringComparison.OrdinalIgnoreCase) || string.IsNullOrEmpty(run.Target.Endpoint))
            throw new UserInputException(path, "target", $"the run's target is '{run.Target.Kind}', not a SageMaker endpoint: there are no CloudWatch metrics to collect");
        return run;
    }

    private static RunInfo ReadRun(string path)
    {
        if (!File.Exists(path)) throw new UserInputException(path, "", "the file is missing (is this a run directory?)");
        try { return LoadLabJson.Deserialize<RunInfo>(File.ReadAllText(path)); }
        catch (JsonException e)
        {
            throw new UserInputException([new Problem(path, (int)(e.LineNumber ?? -1) + 1, (int)(e.BytePositionInLine ?? -1) + 1, e.Path ?? "", $"not a valid run.json: {e.Message.Split(" Path:")[0]}")]);
        }
    }
}
