using System.Globalization;
using System.Security.Cryptography;
using HdrHistogram;
using LoadLab.Aws;
using LoadLab.Core.Errors;
using LoadLab.Core.Json;
using LoadLab.Core.RunFiles;
using LoadLab.Core.Scenarios;
using LoadLab.Core.Thresholds;
using LoadLab.Engine.Execution;
using LoadLab.Engine.Payloads;
using LoadLab.Engine.Progress;
using LoadLab.Engine.Recording;
using LoadLab.Engine.Schedules;
using LoadLab.Engine.Targets;

namespace LoadLab.Engine.Running;

/// <summary>
/// The engine's one service: runs a scenario's load into a run directory and returns what happened.
/// <para>Order of work: resolve seed, profile and target (bad input or missing credentials end here, before any load);
/// write run.json; start the executor (open or closed model) and a reporter loop that closes one interval per second
/// (timeline.csv and latency.hlog grow as the run goes, so an interrupted run keeps what it measured); on the end of
/// the schedule, Ctrl-C/SIGTERM (<paramref name="cancellationToken"/>), abortOnFail or an all-failing start, stop
/// sending, wait for in-flight requests up to the scenario's gracefulStop, and write steps.csv and the final run.json
/// (totals, thresholds, interrupted and why).</para>
/// </summary>
public static class LoadRunner
{
    public static async Task<LoadRunResult> RunAsync(LoadRunRequest request, CancellationToken cancellationToken)
    {
        var scenario = request.Scenario;
        var time = request.Time;
        var seed = request.Seed ?? scenario.Seed ?? RandomNumberGenerator.GetInt32(int.MaxValue);
        var profile = RateProfile.For(scenario.Load);
        var thresholds = ParseThresholds(scenario);
        var options = new ExecutorOptions
        {
            MaxInFlight = scenario.Load.MaxInFlight,
            RequestTimeout = scenario.Target.Timeout,
            ThinkTime = scenario.Load.ThinkTime,
        };
        if (request.TuneExecutor is { } tune) options = tune(options);
        options.Validate();
        request.SampleInstances?.Validate();

        var userSchedule = new UserSchedule(profile, request.Shard);
        var maxConnections = scenario.Load.Model == LoadModel.Closed ? Math.Max(1, userSchedule.MaxUsers) : options.MaxInFlight;
        var baseDir = scenario.SourcePath is { } sp ? Path.GetDirectoryName(Path.GetFullPath(sp)) : null;

        BuiltTarget built;
        var ownsTarget = request.Target is null;
        if (request.Target is { } given)
            built = new BuiltTarget(given, DescribeTarget(scenario));
        else
        {
            var payloads = PayloadSet.From(scenario.Payload, baseDir, scenario.SourcePath ?? scenario.Name);
            built = await TargetFactory.CreateAsync(scenario, payloads, request.TargetSettings, maxConnections, time, cancellationToken)
                .ConfigureAwait(false);
        }

        try
        {
            return await RunWithTargetAsync(request, built, profile, thresholds, options, userSchedule, seed, cancellationToken)
                .ConfigureAwait(false);
        }
        finally
        {
            if (ownsTarget) await built.Target.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task<LoadRunResult> RunWithTargetAsync(LoadRunRequest request, BuiltTarget built, RateProfile profile,
        IReadOnlyList<Threshold> thresholds, ExecutorOptions options, UserSchedule userSchedule, long seed, CancellationToken cancellationToken)
    {
        var scenario = request.Scenario;
        var time = request.Time;
        var dir = new RunDirectory(request.RunDirectory);
        Directory.CreateDirectory(dir.Path);

        var warmup = await WarmUpAsync(built.Target, request.ClientWarmupRequests ?? scenario.Load.WarmupRequests, options.RequestTimeout, request.Time, cancellationToken)
            .ConfigureAwait(false);

        // Everything that costs time (JIT, JSON, files, the live display) happens before the clock starts, so the
        // dispatcher is not late for the first second.
        var startUtc = time.GetUtcNow();
        var info = new RunInfo
        {
            ScenarioName = scenario.Name,
            Scenario = RunInfoBuilder.ResolvedScenario(scenario),
            ScenarioPath = scenario.SourcePath,
            Inputs = RunInfoBuilder.Inputs(scenario),
            Target = built.Description,
            Seed = seed,
            ToolVersion = request.ToolVersion ?? RunInfoBuilder.DefaultToolVersion,
            LoadModel = scenario.Load.Model.ToString().ToLowerInvariant(),
            StartUtc = startUtc,
            Shard = request.Shard.IsWhole ? null : request.Shard.ToString(),
            Phases = RunInfoBuilder.Phases(profile, startUtc),
            Steps = RunInfoBuilder.Steps(profile, startUtc),
            Slo = new SloInfo(scenario.Slo.LatencyPercentile, scenario.Slo.LatencyMs, scenario.Slo.MaxErrorRate),
            Recommend = new RecommendInfo(scenario.Recommend.PeakRps, scenario.Recommend.InstanceStartup?.TotalSeconds,
                scenario.Recommend.PricePerInstanceHour, scenario.Recommend.GrowthPerMinute, scenario.Recommend.MinCapacity,
                scenario.Recommend.MaxCapacity),
            // Until the final write below: a process ended by a second signal leaves this file saying so.
            Provisional = true,
            Warmup = warmup,
        };
        LoadLabJson.WriteFile(dir.RunJson, info);

        var recorder = new RunRecorder(profile.Steps.Count, scenario.Target.Stream ? time.TimestampFrequency : null);
        IExecutor executor = scenario.Load.Model == LoadModel.Closed
            ? new ClosedModelExecutor(userSchedule, built.Target, recorder, options, time)
            : new OpenModelExecutor(new ArrivalSchedule(profile, seed, request.Shard), built.Target, recorder, options, time);

        using var stopSending = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var stopReporter = new CancellationTokenSource();
        var state = new StopState();
        request.Progress.Started(scenario.Name, built.Target.Describe(), dir.Path, profile.Duration);
        using var timeline = new TimelineCsv.Writer(dir.TimelineCsv, scenario.Target.Stream);

        // A shared start time aligns shards; waiting for it is interruptible.
        if (request.StartAt is { } at && at > time.GetUtcNow())
            await Task.Delay(at - time.GetUtcNow(), time, cancellationToken).ConfigureAwait(false);
        // Whole milliseconds: the resolution of timeline.csv and latency.hlog, so every file names the same start.
        startUtc = TruncateToMs(time.GetUtcNow());
        var startTs = time.GetTimestamp();
        var sending = executor.RunAsync(startTs, stopSending.Token);

        info = info with { StartUtc = startUtc, Phases = RunInfoBuilder.Phases(profile, startUtc), Steps = RunInfoBuilder.Steps(profile, startUtc) };
        LoadLabJson.WriteFile(dir.RunJson, info);
        using var hlog = new LatencyLogWriter(dir.LatencyHlog, startUtc);
        var instances = new LiveInstances();
        var reporter = new Reporter(request, recorder, profile, thresholds, timeline, hlog, startUtc, startTs, state, stopSending, instances);
        var reporterTask = reporter.RunAsync(stopReporter.Token);
        var warnings = new List<string>();
        await using var sampling = SamplingRun.Start(request, built, dir, message =>
        {
            lock (warnings) warnings.Add(message);
            request.Progress.Warning(message);
        }, sample =>
        {
            instances.Set(sample.Current);
            request.Progress.Event(new RunEvent(sample.TimeUtc - startUtc, "scaling_sample",
                string.Create(CultureInfo.InvariantCulture, $"{sample.Current} instance(s) in service, {sample.Desired} desired ({sample.Status ?? "status unknown"})")) { Value = sample.Current });
        });

        try
        {
            await sending.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopSending.IsCancellationRequested)
        {
        }
        // Where sending stopped: the steps end there, not where the schedule planned them (in whole milliseconds, as
        // every run file writes times).
        var stopAtS = stopSending.IsCancellationRequested
            ? Math.Floor((time.GetTimestamp() - startTs) * 1000.0 / time.TimestampFrequency) / 1000.0
            : double.PositiveInfinity;
        if (cancellationToken.IsCancellationRequested && state.Stop(InterruptedReason, RunStopCause.Signal))
            request.Progress.Event(new RunEvent(time.GetUtcNow() - startUtc, "interrupted", InterruptedReason));
        // The last arrival comes before the end of the schedule; the run (and its last timeline second) lasts the
        // whole schedule unless it was stopped.
        var scheduleEnd = startTs + (long)(profile.DurationSeconds * time.TimestampFrequency);
        var untilEnd = scheduleEnd - time.GetTimestamp();
        if (!stopSending.IsCancellationRequested && untilEnd > 0)
        {
            try { await Task.Delay(TimeSpan.FromSeconds(untilEnd / (double)time.TimestampFrequency), time, stopSending.Token).ConfigureAwait(false); }
            catch (OperationCanceledException) { }
            if (cancellationToken.IsCancellationRequested) state.Stop(InterruptedReason, RunStopCause.Signal);
        }
        reporter.Draining = true;

        // Wait for in-flight requests, up to the graceful-stop period.
        var graceEnd = time.GetTimestamp() + (long)(scenario.Load.GracefulStop.TotalSeconds * time.TimestampFrequency);
        while (executor.InFlight > 0 && time.GetTimestamp() < graceEnd)
        {
            try { await Task.Delay(TimeSpan.FromMilliseconds(20), time, CancellationToken.None).ConfigureAwait(false); }
            catch (OperationCanceledException) { break; }
        }
        var abandoned = executor.InFlight;

        await stopReporter.CancelAsync().ConfigureAwait(false);
        await reporterTask.ConfigureAwait(false);
        var endUtc = time.GetUtcNow();
        reporter.Flush(endUtc);
        await sampling.StopAsync().ConfigureAwait(false);

        var measured = (endUtc - startUtc).TotalSeconds;
        var outcomes = thresholds.Count == 0 ? [] : ThresholdEvaluator.EvaluateAll(thresholds, Metrics(recorder, measured));
        var steps = StepRowBuilder.Build(recorder, profile.Steps, startUtc, scenario.Slo.LatencyPercentile, stopAtS);
        StepsCsv.Write(dir.StepsCsv, steps);

        var reason = state.Reason;
        if (abandoned > 0)
            reason = (reason is null ? "" : reason + "; ") +
                     string.Create(CultureInfo.InvariantCulture, $"{abandoned} request(s) still in flight after the {scenario.Load.GracefulStop.TotalSeconds:0.#} s graceful stop were abandoned");
        info = info with
        {
            EndUtc = endUtc,
            Steps = RunInfoBuilder.Steps(profile, startUtc, stopAtS),
            Interrupted = state.Reason is not null,
            InterruptReason = reason,
            StoppedBy = state.Cause,
            Provisional = null,
            Totals = recorder.Totals(),
            Thresholds = outcomes.Select(o => o.ToResult()).ToList(),
            Warnings = Snapshot(warnings),
        };
        LoadLabJson.WriteFile(dir.RunJson, info);

        var passed = outcomes.All(o => o.Passed);
        request.Progress.Finished(Summary(info, outcomes));
        if (state.Failed)
            throw new TargetFailedException($"{state.Reason}. What was measured is in {dir.Path}");
        return new LoadRunResult(dir, info, passed, state.Reason is not null, reason);
    }

    private static List<string>? Snapshot(List<string> warnings)
    {
        lock (warnings) return warnings.Count > 0 ? [.. warnings] : null;
    }

    /// <summary>
    /// DescribeEndpoint sampling beside the load (<see cref="InstanceSampler"/>): only for a SageMaker target, only in
    /// shard 0 (every shard sees the same endpoint), and not when turned off. Stopping takes the last sample.
    /// </summary>
    private sealed class SamplingRun : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _task;
        private readonly AwsContext? _aws;

        private SamplingRun(Func<CancellationToken, Task>? run, AwsContext? aws)
        {
            _aws = aws;
            var token = _stop.Token;
            _task = run is null ? Task.CompletedTask : Task.Run(() => run(token));
        }

        private static readonly SamplingRun None = new(null, null);

        public static SamplingRun Start(LoadRunRequest request, BuiltTarget built, RunDirectory dir, Action<string> warn, Action<InstanceCountSample> sampled)
        {
            var spec = request.Scenario.Target;
            if (request.SampleInstances is not { } options || spec.Kind != TargetKind.SageMaker || built.Description.Endpoint is not { } endpoint
                || request.Shard.Index != 0)
                return None;
            AwsContext? aws = null;
            var client = request.SageMakerControlPlane;
            if (client is null)
            {
                if (built.Aws is null) return None;
                aws = new AwsContext(built.Aws);
                client = aws.SageMaker();
            }
            var sampler = new InstanceSampler(client, endpoint, spec.Variant, dir.InstancesCsv, options, request.Time, warn) { Sampled = sampled };
            return new SamplingRun(sampler.RunAsync, aws);
        }

        public async Task StopAsync()
        {
            if (ReferenceEquals(this, None)) return;
            if (!_stop.IsCancellationRequested) await _stop.CancelAsync().ConfigureAwait(false);
            await _task.ConfigureAwait(false);
        }

        public async ValueTask DisposeAsync()
        {
            if (ReferenceEquals(this, None)) return;
            await StopAsync().ConfigureAwait(false);
            _stop.Dispose();
            _aws?.Dispose();
        }
    }

    /// <summary>Unrecorded requests that JIT the send path and open pooled connections before measuring starts.</summary>
    /// <summary>Sends the warm-up requests and counts them: they are in no measured file, but they reached the target.</summary>
    private static async Task<WarmupInfo> WarmUpAsync(ILoadTarget target, int requests, TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        const int concurrency = 16;
        using var bound = new CancellationTokenSource(timeout < TimeSpan.FromSeconds(5) ? timeout : TimeSpan.FromSeconds(5), time);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct, bound.Token);
        int sentCount = 0, ok = 0;
        for (var sent = 0; sent < requests && !deadline.IsCancellationRequested; sent += concurrency)
        {
            var batch = Enumerable.Range(sent, Math.Min(concurrency, requests - sent))
                .Select(i => target.SendAsync(i, deadline.Token).AsTask()).ToList();
            sentCount += batch.Count;
            var outcomes = await Task.WhenAll(batch).ConfigureAwait(false);
            ok += outcomes.Count(o => o.IsOk);
            // A target that fails every warm-up request is left to the fail-fast check, which says why.
            if (outcomes.All(o => !o.IsOk)) break;
        }
        ct.ThrowIfCancellationRequested();
        return new WarmupInfo(requests, sentCount, ok, sentCount - ok);
    }

    private static DateTimeOffset TruncateToMs(DateTimeOffset t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerMillisecond, t.Offset);

    private static IReadOnlyList<Threshold> ParseThresholds(Scenario scenario)
    {
        var list = new List<Threshold>();
        var problems = new List<Problem>();
        for (var i = 0; i < scenario.Thresholds.Count; i++)
        {
            if (Threshold.TryParse(scenario.Thresholds[i], out var t, out var error)) list.Add(t!);
            else problems.Add(Problem.General(scenario.SourcePath ?? scenario.Name, $"thresholds[{i}]", error));
        }
        if (problems.Count > 0) throw new UserInputException(problems);
        return list;
    }

    internal static ThresholdMetrics Metrics(RunRecorder recorder, double measuredSeconds)
    {
        var h = recorder.TotalOkLatency;
        var any = h.TotalCount > 0;
        return new ThresholdMetrics
        {
            LatencyPercentileMs = p => any ? h.GetValueAtPercentile(p) / 1000.0 : null,
            MeanLatencyMs = any ? h.GetMean() / 1000.0 : null,
            MinLatencyMs = any ? h.RecordedValues().First().ValueIteratedTo / 1000.0 : null,
            MaxLatencyMs = any ? h.GetMaxValue() / 1000.0 : null,
            Requests = recorder.TotalCompleted,
            Errors = recorder.TotalErrors,
            Dropped = recorder.TotalDropped,
            AchievedRps = measuredSeconds > 0 ? recorder.TotalCompleted / measuredSeconds : 0,
        };
    }

    private static RunTarget DescribeTarget(Scenario s) => s.Target.Kind == TargetKind.Http
        ? new RunTarget("http", null, null, null, s.Target.Url)
        : new RunTarget("sagemaker", s.Target.Endpoint, s.Target.Variant, s.Target.Region, s.Target.EndpointUrl);

    private static string Summary(RunInfo info, IReadOnlyList<ThresholdOutcome> outcomes)
    {
        var t = info.Totals!;
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture,
                $"done: {t.Scheduled} scheduled, {t.Started} sent, {t.Ok} ok, {t.Errors} errors, {t.Dropped} dropped, {t.Late} late; " +
                $"latency p50 {ProgressText.Ms(t.P50Ms)} p90 {ProgressText.Ms(t.P90Ms)} p99 {ProgressText.Ms(t.P99Ms)} max {ProgressText.Ms(t.MaxMs)}"),
        };
        if (info.InterruptReason is { } r) lines.Add($"stopped early: {r}");
        lines.AddRange(outcomes.Select(o => $"threshold {(o.Passed ? "ok    " : "FAILED")} {o.Threshold.Expression}: {o.Detail}"));
        return string.Join(Environment.NewLine, lines);
    }

    private const string InterruptedReason = "interrupted (Ctrl-C or SIGTERM)";

    /// <summary>Why the run stopped early (first reason wins).</summary>
    internal sealed class StopState
    {
        private string? _reason;
        public string? Reason => Volatile.Read(ref _reason);
        public RunStopCause? Cause { get; private set; }
        public bool Failed => Cause == RunStopCause.TargetFailed;

        public bool Stop(string reason, RunStopCause cause)
        {
            if (Interlocked.CompareExchange(ref _reason, reason, null) is not null) return false;
            Cause = cause;
            return true;
        }
    }
}
