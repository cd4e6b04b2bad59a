using HdrHistogram;
using LoadLab.Core.Errors;
using LoadLab.Core.Json;
using LoadLab.Core.RunFiles;
using LoadLab.Core.Thresholds;
using LoadLab.Engine.Recording;

namespace LoadLab.Sharding.Merge;

/// <summary>
/// Merges shard run directories into one run directory as if one machine had run the scenario: histograms add
/// (per second and per tag), counters add per second, percentiles are recomputed from the merged histograms, and
/// thresholds are evaluated again on the merged numbers.
/// </summary>
public sealed class ShardMerger(TimeProvider time)
{
    public async Task<ShardMergeResult> MergeAsync(ShardMergeOptions options, CancellationToken ct)
    {
        var shards = await LoadAsync(options, ct);
        var warnings = ShardSetCheck.Check(shards, options.AllowPartial).ToList();
        var output = new RunDirectory(options.OutputDirectory);

        // Every shard file is read (and refused when it is broken) before the output directory is made.
        var hlog = new HlogMerger();
        foreach (var s in shards.Where(s => File.Exists(s.Directory.LatencyHlog) || Directory.Exists(s.Directory.LatencyHlog))) hlog.Add(s.Directory.LatencyHlog);
        foreach (var s in shards.Where(s => !File.Exists(s.Directory.LatencyHlog) && !Directory.Exists(s.Directory.LatencyHlog)))
            warnings.Add($"shard {s.Index} has no latency.hlog; its latencies are missing from the merge");
        var timeline = MergeTimeline(shards, hlog);
        var steps = MergeSteps(shards, hlog);

        Directory.CreateDirectory(output.Path);
        WriteTimeline(output.TimelineCsv, timeline);
        WriteHlog(output.LatencyHlog, hlog, shards.Min(s => s.Info.StartUtc));
        StepsCsv.Write(output.StepsCsv, steps);

        CopyInstanceSamples(shards, output, warnings);

        var info = MergeRunInfo(shards, hlog, warnings);
        LoadLabJson.WriteFile(output.RunJson, info);
        return new ShardMergeResult(output, info, shards.Count, warnings);
    }

    /// <summary>
    /// instances.csv (DescribeEndpoint samples) describes the endpoint, not the shard's load: only shard 0 samples, and
    /// its file is the merged run's. Copied as it is from the first shard that has one.
    /// </summary>
    private static void CopyInstanceSamples(IReadOnlyList<ShardRun> shards, RunDirectory output, List<string> warnings)
    {
        var with = shards.Where(s => File.Exists(s.Directory.InstancesCsv)).ToList();
        if (with.Count == 0) return;
        var source = with[0];
        if (Path.GetFullPath(source.Directory.InstancesCsv) != Path.GetFullPath(output.InstancesCsv))
            File.Copy(source.Directory.InstancesCsv, output.InstancesCsv, overwrite: true);
        if (with.Count > 1)
            warnings.Add($"shards {string.Join(", ", with.Select(s => s.Index))} each have an instances.csv; the merged run uses shard {source.Index}'s");
    }

    private async Task<IReadOnlyList<ShardRun>> LoadAsync(ShardMergeOptions options, CancellationToken ct)
    {
        var deadline = time.GetUtcNow() + options.Wait;
        while (true)
        {
            var pending = options.ShardDirectories.Where(d => !IsFinished(d)).ToList();
            if (pending.Count == 0 || time.GetUtcNow() >= deadline)
            {
                var present = options.ShardDirectories.Where(d => File.Exists(new RunDirectory(d).RunJson) || !options.AllowPartial);
                return present.Select(ShardRun.Load).OrderBy(s => s.Index).ToList();
            }
            await Task.Delay(options.PollInterval, time, ct);
        }
    }

    private static bool IsFinished(string dir)
    {
        try { return ShardRun.Load(dir).Finished; }
        catch (UserInputException) { return false; }
    }

    private static IReadOnlyList<TimelineRow> MergeTimeline(IReadOnlyList<ShardRun> shards, HlogMerger hlog)
    {
        var rows = shards.Where(s => File.Exists(s.Directory.TimelineCsv))
            .SelectMany(s => TimelineCsv.Read(s.Directory.TimelineCsv));
        return rows.GroupBy(r => DateTimeOffset.FromUnixTimeSeconds((long)Math.Round(r.TimeUtc.ToUnixTimeMilliseconds() / 1000.0)))
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                // A timeline row and its interval histogram share the interval's start time.
                var ok = hlog.At(g.Key);
                return new TimelineRow
                {
                    TimeUtc = g.Key,
                    Offered = g.Sum(r => r.Offered), Started = g.Sum(r => r.Started), Completed = g.Sum(r => r.Completed),
                    Ok = g.Sum(r => r.Ok), ErrModel = g.Sum(r => r.ErrModel), ErrThrottle = g.Sum(r => r.ErrThrottle),
                    Err5xx = g.Sum(r => r.Err5xx), Err4xx = g.Sum(r => r.Err4xx), ErrTimeout = g.Sum(r => r.ErrTimeout),
                    ErrConnection = g.Sum(r => r.ErrConnection), Dropped = g.Sum(r => r.Dropped), Late = g.Sum(r => r.Late),
                    InFlight = g.Sum(r => r.InFlight),
                    P50Ms = Percentile(ok, 50), P90Ms = Percentile(ok, 90), P99Ms = Percentile(ok, 99),
                };
            }).ToList();
    }

    private static IReadOnlyList<StepRow> MergeSteps(IReadOnlyList<ShardRun> shards, HlogMerger hlog)
    {
        double sloPercentile = shards[0].Info.Slo?.LatencyPercentile ?? 90;
        var perShard = shards.Where(s => File.Exists(s.Directory.StepsCsv)).Select(s => StepsCsv.Read(s.Directory.StepsCsv)).ToList();
        if (perShard.Count == 0) return [];
        return perShard.SelectMany(x => x).GroupBy(r => r.Step).OrderBy(g => g.Key).Select(g =>
        {
            var first = g.First();
            // Step percentiles come from the merged per-second histograms of the steady window (exact sums of
            // histograms; the window is cut at whole seconds).
            var ok = hlog.Sum(first.StartUtc, first.EndUtc);
            long requests = g.Sum(r => r.Requests), errors = g.Sum(r => r.Errors);
            return first with
            {
                OfferedRps = g.Sum(r => r.OfferedRps),
                AchievedRps = g.Sum(r => r.AchievedRps),
                Requests = requests,
                Ok = g.Sum(r => r.Ok),
                Errors = errors,
                Dropped = g.Sum(r => r.Dropped),
                ErrorRateFraction = requests > 0 ? (double)errors / requests : 0,
                ClientP50Ms = Percentile(ok, 50), ClientP90Ms = Percentile(ok, 90), ClientP99Ms = Percentile(ok, 99),
                ClientSloPercentileMs = ok is { TotalCount: > 0 } ? Percentile(ok, sloPercentile) : null,
                Instances = null, InvocationsPerInstancePerMin = null, ServerModelLatencyMs = null, ServerOverheadLatencyMs = null, CpuPct = null,
            };
        }).ToList();
    }

    private static RunInfo MergeRunInfo(IReadOnlyList<ShardRun> shards, HlogMerger hlog, List<string> warnings)
    {
        var first = shards[0].Info;
        var start = shards.Min(s => s.Info.StartUtc);
        var end = shards.Max(s => s.Info.EndUtc ?? s.Info.StartUtc);
        var ok = Total(hlog, "");
        var totals = shards.Select(s => s.Info.Totals).OfType<RunTotals>().ToList();
        long Sum(Func<RunTotals, long> f) => totals.Sum(f);

        var mergedTotals = new RunTotals(Sum(t => t.Scheduled), Sum(t => t.Started), Sum(t => t.Completed), Sum(t => t.Ok),
            Sum(t => t.Errors), Sum(t => t.Dropped), Sum(t => t.Late),
            Percentile(ok, 50), Percentile(ok, 90), Percentile(ok, 99), ok is null ? double.NaN : Histograms.MaxMs(ok));

        var thresholds = ReevaluateThresholds(first, mergedTotals, ok, (end - start).TotalSeconds);
        var interrupted = shards.Where(s => s.Info.Interrupted).Select(s => $"shard {s.Index}: {s.Info.InterruptReason}").ToList();
        return first with
        {
            Shard = null,
            StartUtc = start,
            EndUtc = end,
            Totals = mergedTotals,
            Thresholds = thresholds,
            Interrupted = interrupted.Count > 0,
            InterruptReason = interrupted.Count > 0 ? string.Join("; ", interrupted) : null,
            MergedFrom = shards.Select(s => s.Directory.Path).ToList(),
            // Every shard warmed up its own client: the target saw all of them.
            Warmup = shards.Select(s => s.Info.Warmup).OfType<WarmupInfo>().ToList() is { Count: > 0 } warmups
                ? new WarmupInfo(warmups.Sum(x => x.Requested), warmups.Sum(x => x.Requests), warmups.Sum(x => x.Ok), warmups.Sum(x => x.Errors)) : null,
            MergeWarnings = warnings,
            Warnings = shards.SelectMany(s => (s.Info.Warnings ?? []).Select(w => $"shard {s.Index}: {w}")).ToList() is { Count: > 0 } w ? w : null,
        };
    }

    private static IReadOnlyList<ThresholdResult> ReevaluateThresholds(RunInfo first, RunTotals totals, HistogramBase? ok, double seconds)
    {
        var expressions = first.Thresholds.Select(t => t.Expression).ToList();
        if (expressions.Count == 0) return [];
        var any = ok is { TotalCount: > 0 };
        var metrics = new ThresholdMetrics
        {
            LatencyPercentileMs = p => any ? ok!.GetValueAtPercentile(p) / 1000.0 : null,
            MeanLatencyMs = any ? ok!.GetMean() / 1000.0 : null,
            MaxLatencyMs = any ? ok!.GetMaxValue() / 1000.0 : null,
            Requests = totals.Completed,
            Errors = totals.Errors,
            Dropped = totals.Dropped,
            AchievedRps = seconds > 0 ? totals.Completed / seconds : 0,
        };
        return ThresholdEvaluator.EvaluateAll(expressions, metrics).Select(o => o.ToResult()).ToList();
    }

    private static HistogramBase? Total(HlogMerger hlog, string tag)
    {
        HistogramBase? total = null;
        foreach (var h in hlog.Intervals.Where(h => (h.Tag ?? "") == tag))
        {
            if (total is null) total = h.Copy();
            else total.Add(h);
        }
        return total;
    }

    // The engine's conversion (µs histogram -> ms, NaN when empty), so a merged run reads like a single one.
    private static double Percentile(HistogramBase? h, double p) => h is null ? double.NaN : Histograms.PercentileMs(h, p);

    private static void WriteTimeline(string path, IReadOnlyList<TimelineRow> rows)
    {
        using var writer = new TimelineCsv.Writer(path);
        foreach (var r in rows) writer.Append(r);
    }

    private static void WriteHlog(string path, HlogMerger hlog, DateTimeOffset startUtc)
    {
        using var writer = new LatencyLogWriter(path, startUtc);
        writer.Append(hlog.Intervals);
    }
}

public sealed record ShardMergeResult(RunDirectory Output, RunInfo Info, int Shards, IReadOnlyList<string> Warnings);
