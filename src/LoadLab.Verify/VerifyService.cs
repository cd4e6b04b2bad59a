using LoadLab.Aws;
using LoadLab.Core.Errors;
using LoadLab.Core.Findings;
using LoadLab.Core.Json;
using LoadLab.Core.RunFiles;
using LoadLab.Core.Scenarios;
using LoadLab.Engine.Progress;
using LoadLab.Engine.Running;
using LoadLab.Engine.Targets;
using LoadLab.Verify.Observers;
using LoadLab.Simulation.Traffic;

namespace LoadLab.Verify;

/// <summary>What `loadlab verify` asks for.</summary>
public sealed record VerifyRequest
{
    public required string ScenarioPath { get; init; }
    /// <summary>recommendation.json or applied.json of the live policy: enables the comparison with `simulate`.</summary>
    public string? PolicyPath { get; init; }
    /// <summary>analysis.json for the prediction's fleet model. Default: the one beside the policy file.</summary>
    public string? AnalysisPath { get; init; }
    /// <summary>Run directory to write (run files and verify.json). Default reports/&lt;scenario&gt;-verify-&lt;time&gt;.</summary>
    public string? OutputDirectory { get; init; }
    /// <summary>The sim endpoint's base URL (its admin API). Default: the scenario's target when it is the sim, else AWS.</summary>
    public string? AdminUrl { get; init; }
    public long? Seed { get; init; }
    public TargetSettings Target { get; init; } = new();
    /// <summary>Minutes (of the endpoint's clock) over the SLO that still count as held. Default 0.</summary>
    public int AllowedViolationMinutes { get; init; }
    /// <summary>DescribeEndpoint sampling interval, real time. Default: 5 s of the endpoint's clock, between 0.2 s and 5 s.</summary>
    public TimeSpan? SampleEvery { get; init; }
    public IRunProgress Progress { get; init; } = NullProgress.Instance;
    /// <summary>Hears which way scaling is watched, once chosen and before the load starts. Default: nobody.</summary>
    public IProgress<ScalingWatched>? Watching { get; init; }
    /// <summary>Every time read and delay of the verification, the load's included. Default the system clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}

/// <summary>Scaling is watched through <paramref name="Observer"/> (the sim's admin API, or AWS).</summary>
public sealed record ScalingWatched(string Observer);

/// <summary>verify.json as written, and where; <see cref="VerifyFile.Verdict"/> says whether the SLO held.</summary>
public sealed record VerifyOutcome(VerifyFile File, string Path);

/// <summary>
/// `loadlab verify` as one call: runs the scenario with the engine against an endpoint whose scaling policy is live,
/// samples DescribeEndpoint, reads the scaling activities (DescribeScalingActivities on AWS, the sim's admin API
/// locally) and alarm states, writes verify.json into the run directory and judges the SLO. It prints nothing.
/// </summary>
public static class VerifyService
{
    public static async Task<VerifyOutcome> RunAsync(VerifyRequest request, CancellationToken ct = default)
    {
        var scenario = ScenarioLoader.Load(request.ScenarioPath);
        if (scenario.Load.Model == LoadModel.Closed)
            throw new UserInputException(request.ScenarioPath, "load.model", "verify needs an open-model scenario (an arrival rate to compare with the prediction)");
        var policy = request.PolicyPath is null ? default : PredictionBuilder.LoadPolicy(request.PolicyPath);
        var analysisPath = request.AnalysisPath ?? (request.PolicyPath is null ? null : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(request.PolicyPath))!, "analysis.json"));
        if (request.AnalysisPath is not null && !File.Exists(request.AnalysisPath)) throw new UserInputException(request.AnalysisPath, "--analysis", "file not found");
        var warnings = new List<Finding>();

        using var observer = await ChooseObserverAsync(request, scenario, warnings, ct).ConfigureAwait(false);
        request.Watching?.Report(new ScalingWatched(observer.Description));
        var clock = await observer.ClockAsync(ct).ConfigureAwait(false);
        var every = request.SampleEvery ?? TimeSpan.FromSeconds(Math.Clamp(5 / clock.Scale, 0.2, 5));
        var runDir = request.OutputDirectory ?? RunDirectory.Default("reports", scenario.Name + "-verify", request.Time.GetUtcNow()).Path;

        var samples = new List<EndpointSample>();
        var alarms = new List<AlarmSample>();
        using var stopSampling = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var sampler = SampleAsync(observer, clock, every, samples, alarms, warnings, request.Time, stopSampling.Token);
        var realStart = request.Time.GetUtcNow();
        LoadRunResult result;
        try
        {
            result = await LoadRunner.RunAsync(new LoadRunRequest
            {
                Scenario = scenario, RunDirectory = runDir, Seed = request.Seed, TargetSettings = request.Target, Progress = request.Progress, Time = request.Time,
            }, ct).ConfigureAwait(false);
            // One more sample period, so the last minute's scaling is seen.
            await Task.Delay(every, request.Time, ct).ConfigureAwait(false);
        }
        finally
        {
            stopSampling.Cancel();
            await sampler.ConfigureAwait(false);
        }
        var realEnd = request.Time.GetUtcNow();

        var rows = TimelineCsv.Read(result.Directory.TimelineCsv);
        var activities = await observer.ActivitiesAsync(clock.ToEmulated(realStart).AddMinutes(-1), ct).ConfigureAwait(false);
        var slo = new SloSummary(scenario.Slo.LatencyPercentile, scenario.Slo.LatencyMs, scenario.Slo.MaxErrorRate, request.AllowedViolationMinutes);
        List<EndpointSample> samplesCopy;
        lock (samples) samplesCopy = [.. samples];
        // The endpoint's own InvocationsPerInstance over the run's minutes, beside the offered load per instance.
        IReadOnlyDictionary<DateTimeOffset, double> published = rows.Count == 0 ? new Dictionary<DateTimeOffset, double>()
            : await observer.InvocationsPerInstanceAsync(
                TrafficSeries.FloorMinute(clock.ToEmulated(rows[0].TimeUtc)), TrafficSeries.FloorMinute(clock.ToEmulated(rows[^1].TimeUtc)).AddMinutes(1), ct).ConfigureAwait(false);
        var minutes = VerdictBuilder.WithPublishedMetric(
            VerdictBuilder.Minutes(rows, clock, samplesCopy, activities, slo, observer.MetricCountFactor), published, observer.MetricCountFactor);
        var verdict = VerdictBuilder.Judge(minutes, rows, clock, samplesCopy, activities, slo);

        Prediction? prediction = null;
        if (policy.File is null) warnings.Add(Finding.Info(VerifyCodes.NoPolicy, "no --policy: no comparison with what `loadlab simulate` predicts"));
        else if (analysisPath is null || !File.Exists(analysisPath))
            warnings.Add(Finding.Warning(VerifyCodes.NoAnalysis, $"no analysis.json ({analysisPath ?? "pass --analysis"}): no comparison with `loadlab simulate`"));
        else if (minutes.Count == 0) warnings.Add(Finding.Warning(VerifyCodes.NoRequests, "the run offered no requests: nothing to predict"));
        else
        {
            try
            {
                var analysis = LoadLabJson.Deserialize<AnalysisFile>(File.ReadAllText(analysisPath));
                prediction = PredictionBuilder.Predict(policy.File, policy.Path, analysis, analysisPath, minutes, clock.Scale, observer.MetricCountFactor,
                    verdict.InitialInstances, verdict);
            }
            catch (UserInputException e)
            {
                warnings.Add(new Finding(Severity.Warning, VerifyCodes.PredictionSkipped, "prediction skipped")
                    { Detail = string.Join("; ", e.Problems.Select(p => $"{p.File} {p.Field}: {p.Message}")) });
            }
        }

        var file = new VerifyFile
        {
            Scenario = request.ScenarioPath,
            RunDirectory = result.Directory.Path,
            Endpoint = scenario.Target.Endpoint,
            Variant = scenario.Target.Variant,
            Observer = observer.Description,
            TimeScale = clock.Scale,
            MetricCountFactor = observer.MetricCountFactor,
            StartUtc = clock.ToEmulated(realStart),
            EndUtc = clock.ToEmulated(realEnd),
            RealStartUtc = realStart,
            RealEndUtc = realEnd,
            Slo = slo,
            Verdict = verdict,
            Timeline = minutes,
            ScalingActivities = activities,
            Samples = samplesCopy,
            AlarmStates = alarms,
            Prediction = prediction,
            Warnings = warnings,
        };
        var path = result.Directory.VerifyJson;
        LoadLabJson.WriteFile(path, file);
        return new VerifyOutcome(file, path);
    }

    private static Task<IScalingObserver> ChooseObserverAsync(VerifyRequest request, Scenario scenario, List<Finding> warnings, CancellationToken ct) =>
        ScalingObserverChoice.ChooseAsync(request.AdminUrl, scenario, request.ScenarioPath, request.Target, warnings, request.Time, "verify", ct);

    private static async Task SampleAsync(IScalingObserver observer, ClockMapping clock, TimeSpan every, List<EndpointSample> samples,
        List<AlarmSample> alarms, List<Finding> warnings, TimeProvider time, CancellationToken ct)
    {
        var lastState = new Dictionary<string, string>();
        var n = 0;
        var failures = 0;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var s = await observer.SampleAsync(ct).ConfigureAwait(false);
                lock (samples) samples.Add(s with { TimeUtc = clock.ToEmulated(s.RealUtc) });
                if (n++ % 5 == 0)
                    foreach (var a in await observer.AlarmsAsync(ct).ConfigureAwait(false))
                        if (!lastState.TryGetValue(a.AlarmName, out var prev) || prev != a.State)
                        {
                            lastState[a.AlarmName] = a.State;
                            lock (alarms) alarms.Add(a);
                        }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { break; }
            catch (Exception ex) when (ex is TargetFailedException or Aws.Errors.AwsServiceException or HttpRequestException)
            {
                if (failures++ == 0) lock (warnings) warnings.Add(new Finding(Severity.Warning, VerifyCodes.SamplingFailed, "DescribeEndpoint sampling failed at least once") { Detail = ex.Message });
            }
            try { await Task.Delay(every, time, ct).ConfigureAwait(false); }
            catch (OperationCanceledException) { break; }
        }
    }
}
