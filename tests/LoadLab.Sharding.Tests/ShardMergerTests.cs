using HdrHistogram;
using LoadLab.Core.Errors;
using LoadLab.Core.Json;
using LoadLab.Core.RunFiles;
using LoadLab.Engine.Recording;
using LoadLab.Sharding.Merge;

namespace LoadLab.Sharding.Tests;

public sealed class ShardMergerTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private readonly string _root = Directory.CreateTempSubdirectory("loadlab-merge-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>
    /// Writes one shard directory: for each of <paramref name="seconds"/> seconds, the latencies (µs) in
    /// <paramref name="latenciesUs"/>[second] become that second's histogram and timeline row.
    /// </summary>
    private string WriteShard(int index, int count, long[][] latenciesUs, long seed = 7, string scenario = "ladder", string thresholds = "p(99) < 500")
    {
        var dir = new RunDirectory(Path.Combine(_root, $"shard-{index}"));
        Directory.CreateDirectory(dir.Path);
        using (var hlog = new LatencyLogWriter(dir.LatencyHlog, Start))
        using (var timeline = new TimelineCsv.Writer(dir.TimelineCsv))
        {
            for (var s = 0; s < latenciesUs.Length; s++)
            {
                var h = Histograms.Create();
                foreach (var v in latenciesUs[s]) h.RecordValue(v);
                h.StartTimeStamp = Start.AddSeconds(s).ToUnixTimeMilliseconds();
                h.EndTimeStamp = Start.AddSeconds(s + 1).ToUnixTimeMilliseconds();
                hlog.Append([h]);
                timeline.Append(new TimelineRow
                {
                    TimeUtc = Start.AddSeconds(s), Offered = latenciesUs[s].Length, Started = latenciesUs[s].Length,
                    Completed = latenciesUs[s].Length, Ok = latenciesUs[s].Length,
                });
            }
        }
        var total = latenciesUs.Sum(x => x.Length);
        StepsCsv.Write(dir.StepsCsv, [new StepRow
        {
            Step = 0, StartUtc = Start, EndUtc = Start.AddSeconds(latenciesUs.Length), OfferedRps = total / (double)latenciesUs.Length,
            AchievedRps = total / (double)latenciesUs.Length, Requests = total, Ok = total,
        }]);
        LoadLabJson.WriteFile(dir.RunJson, new RunInfo
        {
            ScenarioName = scenario, Target = new RunTarget("http", null, null, null, "http://127.0.0.1:1/"), Seed = seed,
            ToolVersion = "test", LoadModel = "open", StartUtc = Start, EndUtc = Start.AddSeconds(latenciesUs.Length),
            Shard = $"{index}/{count}",
            Totals = new RunTotals(total, total, total, total, 0, 0, 0, 0, 0, 0, 0),
            Thresholds = [new ThresholdResult(thresholds, true, 0, "")],
            Slo = new SloInfo(95, 250, 0.01),
        });
        return dir.Path;
    }

    private static long[][] Latencies(int shard, int seconds, int perSecond)
    {
        var random = new Random(shard * 1000 + 1);
        return Enumerable.Range(0, seconds).Select(_ => Enumerable.Range(0, perSecond).Select(_ => (long)random.Next(1_000, 2_000_000)).ToArray()).ToArray();
    }

    [Fact]
    public async Task Merged_histograms_equal_the_histogram_of_all_requests_exactly()
    {
        var perShard = Enumerable.Range(0, 3).Select(i => Latencies(i, seconds: 5, perSecond: 200 + i)).ToArray();
        var dirs = Enumerable.Range(0, 3).Select(i => WriteShard(i, 3, perShard[i])).ToList();

        var result = await new ShardMerger(TimeProvider.System).MergeAsync(
            new ShardMergeOptions { ShardDirectories = dirs, OutputDirectory = Path.Combine(_root, "merged") }, CancellationToken.None);

        var expected = Histograms.Create();
        foreach (var v in perShard.SelectMany(s => s).SelectMany(s => s)) expected.RecordValue(v);

        // The merged latency.hlog, read back with the standard reader, holds exactly the union.
        var merged = Histograms.Create();
        using (var stream = File.OpenRead(result.Output.LatencyHlog))
            foreach (var h in new HistogramLogReader(stream).ReadHistograms().Where(h => string.IsNullOrEmpty(h.Tag))) merged.Add(h);
        Assert.Equal(expected.TotalCount, merged.TotalCount);
        foreach (var p in new[] { 50.0, 90, 99, 99.9, 100 })
            Assert.Equal(expected.GetValueAtPercentile(p), merged.GetValueAtPercentile(p));

        // Counters add per second; per-second percentiles come from the merged histograms, not averages.
        var timeline = TimelineCsv.Read(result.Output.TimelineCsv);
        Assert.Equal(5, timeline.Count);
        Assert.Equal(603, timeline[0].Completed);
        var second2 = Histograms.Create();
        foreach (var v in perShard.SelectMany(s => s[2])) second2.RecordValue(v);
        Assert.Equal(second2.GetValueAtPercentile(99) / 1000.0, timeline[2].P99Ms, 3);

        // run.json: one run, totals added, percentiles from the merged distribution, thresholds evaluated again.
        Assert.Null(result.Info.Shard);
        Assert.Equal(expected.TotalCount, result.Info.Totals!.Completed);
        Assert.Equal(expected.GetValueAtPercentile(99) / 1000.0, result.Info.Totals.P99Ms, 3);
        Assert.Equal(3, result.Info.MergedFrom!.Count);
        var threshold = Assert.Single(result.Info.Thresholds);
        Assert.Equal(expected.GetValueAtPercentile(99) / 1000.0 < 500, threshold.Passed);

        var step = Assert.Single(StepsCsv.Read(result.Output.StepsCsv));
        Assert.Equal(expected.TotalCount, step.Requests);
        Assert.Equal(expected.GetValueAtPercentile(90) / 1000.0, step.ClientP90Ms, 3);
        // The SLO's own percentile (p95 in run.json) from the merged histograms, not one shard's figure.
        Assert.Equal(expected.GetValueAtPercentile(95) / 1000.0, step.ClientSloPercentileMs!.Value, 3);
    }

    [Fact]
    public async Task The_merged_run_gets_shard_0s_instance_samples_and_every_shards_warnings()
    {
        var dirs = Enumerable.Range(0, 2).Select(i => WriteShard(i, 2, Latencies(i, 2, 10))).ToList();
        var samples = InstanceSamplesCsv.Write([new InstanceCountSample(Start, 1, 1, "InService"), new InstanceCountSample(Start.AddSeconds(10), 2, 1, "Updating")]);
        File.WriteAllText(new RunDirectory(dirs[0]).InstancesCsv, samples);
        var shard0 = new RunDirectory(dirs[0]).RunJson;
        LoadLabJson.WriteFile(shard0, LoadLabJson.Deserialize<RunInfo>(File.ReadAllText(shard0)) with { Warnings = ["DescribeEndpoint sampling stopped"] });

        var result = await new ShardMerger(TimeProvider.System).MergeAsync(
            new ShardMergeOptions { ShardDirectories = dirs, OutputDirectory = Path.Combine(_root, "merged") }, CancellationToken.None);

        Assert.Equal(samples, File.ReadAllText(result.Output.InstancesCsv));
        Assert.Equal(["shard 0: DescribeEndpoint sampling stopped"], result.Info.Warnings);

        // Without samples in any shard the merged run has none either (collect then reads the count once).
        var plain = Enumerable.Range(0, 2).Select(i => WriteShard(i, 2, Latencies(i, 2, 10))).ToList();
        File.Delete(new RunDirectory(plain[0]).InstancesCsv);
        var merged2 = await new ShardMerger(TimeProvider.System).MergeAsync(
            new ShardMergeOptions { ShardDirectories = plain, OutputDirectory = Path.Combine(_root, "merged2") }, CancellationToken.None);
        Assert.False(File.Exists(merged2.Output.InstancesCsv));
        Assert.Null(merged2.Info.Warnings);
    }

    [Fact]
    public async Task Shards_of_different_runs_are_refused_with_every_problem_listed()
    {
        var dirs = new List<string>
        {
            WriteShard(0, 3, Latencies(0, 2, 10)),
            WriteShard(1, 3, Latencies(1, 2, 10), seed: 8),
            WriteShard(2, 4, Latencies(2, 2, 10), scenario: "other"),
        };
        var ex = await Assert.ThrowsAsync<UserInputException>(() => new ShardMerger(TimeProvider.System).MergeAsync(
            new ShardMergeOptions { ShardDirectories = dirs, OutputDirectory = Path.Combine(_root, "merged") }, CancellationToken.None));
        Assert.Contains(ex.Problems, p => p.Field == "seed");
        Assert.Contains(ex.Problems, p => p.Field == "scenario");
        Assert.Contains(ex.Problems, p => p.Field == "shard" && p.Message.Contains("one of 4 shards"));
        Assert.False(Directory.Exists(Path.Combine(_root, "merged")));
    }

    [Fact]
    public async Task A_missing_shard_is_refused_unless_partial_is_asked_for()
    {
        var dirs = new List<string> { WriteShard(0, 3, Latencies(0, 2, 10)), WriteShard(2, 3, Latencies(2, 2, 10)) };
        var merger = new ShardMerger(TimeProvider.System);
        var ex = await Assert.ThrowsAsync<UserInputException>(() => merger.MergeAsync(
            new ShardMergeOptions { ShardDirectories = dirs, OutputDirectory = Path.Combine(_root, "merged") }, CancellationToken.None));
        Assert.Contains("shard(s) 1 of 3 missing", Assert.Single(ex.Problems).Message);

        var partial = await merger.MergeAsync(new ShardMergeOptions
        {
            ShardDirectories = dirs, OutputDirectory = Path.Combine(_root, "merged"), AllowPartial = true,
        }, CancellationToken.None);
        Assert.Contains(partial.Warnings, w => w.Contains("partial"));
        Assert.Equal(40, partial.Info.Totals!.Completed);
    }

    [Fact]
    public async Task A_directory_that_is_not_a_shard_is_named_in_the_error()
    {
        var whole = WriteShard(0, 1, Latencies(0, 1, 5));
        var info = LoadLabJson.Deserialize<RunInfo>(File.ReadAllText(Path.Combine(whole, "run.json"))) with { Shard = null };
        LoadLabJson.WriteFile(Path.Combine(whole, "run.json"), info);
        var ex = await Assert.ThrowsAsync<UserInputException>(() => new ShardMerger(TimeProvider.System).MergeAsync(
            new ShardMergeOptions { ShardDirectories = [whole, Path.Combine(_root, "nope")], OutputDirectory = Path.Combine(_root, "m") }, CancellationToken.None));
        Assert.Contains("not a shard", Assert.Single(ex.Problems).Message);
    }
}
