using System.Net;
using LoadLab.Aws.CloudWatch;
using LoadLab.Aws.Collector;
using LoadLab.Aws.Errors;
using LoadLab.Aws.SageMaker;
using LoadLab.Core.AwsApi;
using LoadLab.Core.Errors;
using LoadLab.Core.Json;
using LoadLab.Core.RunFiles;
using Microsoft.Extensions.Time.Testing;

namespace LoadLab.Analysis.Tests;

public class CollectorTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 10, 0, 20, TimeSpan.Zero);

    /// <summary>CloudWatch fake: answers from a table of (metric, stat) → points; percentiles fail like moto (HTTP 500).</summary>
    private sealed class FakeCloudWatch : ICloudWatchClient
    {
        public readonly Dictionary<(string, string), (DateTimeOffset, double)[]> Data = new();
        public readonly List<GetMetricDataRequest> Requests = [];
        public bool PercentilesFail = true;

        public Task<GetMetricDataResponse> GetAllMetricDataAsync(GetMetricDataRequest request, CancellationToken ct = default)
        {
            Requests.Add(request);
            var results = new List<MetricDataResult>();
            foreach (var q in request.MetricDataQueries)
            {
                var ms = q.MetricStat!;
                if (ms.Stat.StartsWith('p') && PercentilesFail)
                    throw new AwsServiceException("InternalFailure", "percentiles not supported", "req-1", HttpStatusCode.InternalServerError, "CloudWatch", "GetMetricData");
                var pts = Data.GetValueOrDefault((ms.Metric.MetricName!, ms.Stat), []);
                // CloudWatch's default order is newest first; the collector must not rely on the order it asked for.
                results.Add(new MetricDataResult { Id = q.Id, StatusCode = "Complete", Timestamps = pts.Select(p => p.Item1).Reverse().ToList(), Values = pts.Select(p => p.Item2).Reverse().ToList() });
            }
            return Task.FromResult(new GetMetricDataResponse { MetricDataResults = results });
        }

        public Task<GetMetricDataResponse> GetMetricDataAsync(GetMetricDataRequest r, CancellationToken ct = default) => GetAllMetricDataAsync(r, ct);
        public Task PutMetricDataAsync(PutMetricDataRequest r, CancellationToken ct = default) => throw new InvalidOperationException("the collector is read-only");
        public Task PutMetricAlarmAsync(PutMetricAlarmRequest r, CancellationToken ct = default) => throw new InvalidOperationException("the collector is read-only");
        public Task<DescribeAlarmsResponse> DescribeAlarmsAsync(DescribeAlarmsRequest r, CancellationToken ct = default) => throw new NotSupportedException();
        public Task DeleteAlarmsAsync(DeleteAlarmsRequest r, CancellationToken ct = default) => throw new InvalidOperationException("the collector is read-only");
    }

    private sealed class FakeSageMaker(int desired, int current, bool fail = false) : ISageMakerClient
    {
        public Task<DescribeEndpointResponse> DescribeEndpointAsync(DescribeEndpointRequest r, CancellationToken ct = default) => fail
            ? throw new AwsServiceException("ValidationException", "Could not find endpoint", null, HttpStatusCode.BadRequest, "SageMaker", "DescribeEndpoint")
            : Task.FromResult(new DescribeEndpointResponse
            {
                EndpointName = r.EndpointName, EndpointStatus = "InService",
                ProductionVariants = [new ProductionVariantSummary { VariantName = "AllTraffic", DesiredInstanceCount = desired, CurrentInstanceCount = current }],
            });
        public Task<DescribeEndpointConfigResponse> DescribeEndpointConfigAsync(DescribeEndpointConfigRequest r, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<UpdateEndpointWeightsAndCapacitiesResponse> UpdateEndpointWeightsAndCapacitiesAsync(UpdateEndpointWeightsAndCapacitiesRequest r, CancellationToken ct = default) => throw new InvalidOperationException("read-only");
        public Task<CreateModelResponse> CreateModelAsync(CreateModelRequest r, CancellationToken ct = default) => throw new InvalidOperationException("read-only");
        public Task<CreateEndpointConfigResponse> CreateEndpointConfigAsync(CreateEndpointConfigRequest r, CancellationToken ct = default) => throw new InvalidOperationException("read-only");
        public Task<CreateEndpointResponse> CreateEndpointAsync(CreateEndpointRequest r, CancellationToken ct = default) => throw new InvalidOperationException("read-only");
        public Task DeleteEndpointAsync(DeleteEndpointRequest r, CancellationToken ct = default) => throw new InvalidOperationException("read-only");
    }

    private static (DateTimeOffset, double)[] Minutes(int from, int count, Func<int, double> value) =>
        Enumerable.Range(from, count).Select(i => (new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero).AddMinutes(i), value(i))).ToArray();

    [Fact]
    public async Task Converts_latency_to_ms_warns_for_missing_metrics_and_failing_percentiles()
    {
        var cw = new FakeCloudWatch();
        cw.Data[("ModelLatency", "Average")] = Minutes(0, 10, i => 20_000 + i * 1000);      // microseconds
        cw.Data[("ModelLatency", "SampleCount")] = Minutes(0, 10, _ => 600);
        cw.Data[("Invocations", "Sum")] = Minutes(0, 10, _ => 600);
        cw.Data[("CPUUtilization", "Average")] = [.. Minutes(0, 3, _ => 40), .. Minutes(5, 5, _ => 50)]; // a gap of two minutes
        var clock = new FakeTimeProvider(Start.AddMinutes(30));
        var collector = new MetricsCollector(cw, new FakeSageMaker(2, 2), clock);

        var m = await collector.CollectAsync(new CollectRequest("ep", "AllTraffic", Start, Start.AddMinutes(8)));

        var lat = m.Series.Single(s => s.MetricName == "ModelLatency" && s.Stat == "Average");
        Assert.Equal(MetricQueryPlan.ConvertedLatencyUnit, lat.Unit);
        Assert.Equal(20.0, lat.Points[0].Value, 9);
        Assert.True(lat.Points.Zip(lat.Points.Skip(1)).All(p => p.First.TimeUtc < p.Second.TimeUtc));
        Assert.Equal(600, m.Series.Single(s => s.MetricName == "ModelLatency" && s.Stat == "SampleCount").Points[0].Value); // counts are not scaled
        Assert.Contains(m.Warnings, w => w.Text.StartsWith("ModelLatency p90") && w.Text.Contains("other statistics are unaffected"));
        Assert.Contains(m.Warnings, w => w.Text.StartsWith("Invocation5XXErrors Sum: no datapoints"));
        Assert.Contains(m.Warnings, w => w.Text.StartsWith("GPUUtilization") && w.Text.Contains("without GPU"));
        Assert.Contains(m.Warnings, w => w.Text.StartsWith("CPUUtilization Average: 2 missing period"));
        Assert.Equal(new InstanceCountSample(clock.GetUtcNow(), 2, 2, "InService"), Assert.Single(m.InstanceCounts));

        // One batch for the plain statistics, one request per percentile; the window has its margins and is minute-aligned.
        Assert.Equal(1 + 6, cw.Requests.Count);
        Assert.All(cw.Requests.Skip(1), r => Assert.Single(r.MetricDataQueries));
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 9, 58, 0, TimeSpan.Zero), cw.Requests[0].StartTime);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 10, 12, 0, TimeSpan.Zero), cw.Requests[0].EndTime);
        Assert.All(cw.Requests[0].MetricDataQueries, q => Assert.Equal(["EndpointName", "VariantName"], q.MetricStat!.Metric.Dimensions!.Select(d => d.Name)));
        // Short window: the high-resolution metric is asked at 10 s, the others at 60 s.
        Assert.Equal(10, cw.Requests[0].MetricDataQueries.First(q => q.MetricStat!.Metric.MetricName == "ConcurrentRequestsPerModel").MetricStat!.Period);
        Assert.Equal(60, cw.Requests[0].MetricDataQueries.First(q => q.MetricStat!.Metric.MetricName == "Invocations").MetricStat!.Period);
    }

    [Fact]
    public async Task Percentiles_are_kept_when_supported_and_a_period_flag_applies_to_all()
    {
        var cw = new FakeCloudWatch { PercentilesFail = false };
        cw.Data[("ModelLatency", "p90")] = Minutes(0, 5, _ => 45_000);
        var collector = new MetricsCollector(cw, new FakeSageMaker(1, 1), new FakeTimeProvider(Start.AddHours(1)), new CollectorOptions { PeriodS = 10 });
        var m = await collector.CollectAsync(new CollectRequest("ep", "AllTraffic", Start, Start.AddMinutes(4)));
        Assert.Equal(45, m.Series.Single(s => s.MetricName == "ModelLatency" && s.Stat == "p90").Points[0].Value, 9);
        Assert.All(cw.Requests.SelectMany(r => r.MetricDataQueries), q => Assert.Equal(10, q.MetricStat!.Period));
    }

    [Fact]
    public async Task Recorded_samples_are_merged_and_a_failing_DescribeEndpoint_is_a_warning()
    {
        var dir = new RunDirFixture();
        using var _ = dir;
        var run = Synthetic.Run(2);
        dir.WithRun(run).WithFile("instances.csv", InstanceSamplesCsv.Write(
        [
            new InstanceCountSample(Synthetic.T0, 1, 1, "InService"),
            new InstanceCountSample(Synthetic.T0.AddMinutes(3), 2, 1, "Updating"),
            new InstanceCountSample(Synthetic.T0.AddMinutes(5), 2, 2, "InService"),
        ]));
        var m = await CollectService.CollectRunDirectoryAsync(dir.Path, new FakeCloudWatch(), new FakeSageMaker(0, 0, fail: true),
            new FakeTimeProvider(Synthetic.T0.AddHours(1)));
        Assert.Equal(3, m.InstanceCounts.Count);
        Assert.Contains(m.Warnings, w => w.Text.StartsWith("DescribeEndpoint failed"));
        var onDisk = LoadLabJson.Deserialize<MetricsFile>(File.ReadAllText(dir.Dir.MetricsJson));
        Assert.Equal(3, onDisk.InstanceCounts.Count);
        // The startup measured from those samples: desired rose between 10:00 and 10:03, current caught up at 10:05.
        Assert.Equal(3.5 * 60, Analyzer.InstanceStartup(run, m, new AnalyzerOptions()).Seconds, 6);
    }

    [Fact]
    public async Task Bad_run_directories_are_bad_input()
    {
        using var empty = new RunDirFixture();
        var e = await Assert.ThrowsAsync<UserInputException>(() =>
            CollectService.CollectRunDirectoryAsync(empty.Path, new FakeCloudWatch(), new FakeSageMaker(1, 1), TimeProvider.System));
        Assert.Contains("run.json", e.Problems[0].File);

        using var http = new RunDirFixture().WithRun(Synthetic.Run(1) with { Target = new RunTarget("http", null, null, null, "http://127.0.0.1:1/") });
        e = await Assert.ThrowsAsync<UserInputException>(() =>
            CollectService.CollectRunDirectoryAsync(http.Path, new FakeCloudWatch(), new FakeSageMaker(1, 1), TimeProvider.System));
        Assert.Contains("not a SageMaker endpoint", e.Problems[0].Message);

        using var badCsv = new RunDirFixture().WithRun(Synthetic.Run(1)).WithFile("instances.csv", "time_utc,desired,current,status\nyesterday,1,1,InService\n");
        e = await Assert.ThrowsAsync<UserInputException>(() =>
            CollectService.CollectRunDirectoryAsync(badCsv.Path, new FakeCloudWatch(), new FakeSageMaker(1, 1), TimeProvider.System));
        Assert.Equal(2, e.Problems[0].Line);
    }

    [Fact]
    public void Options_reject_impossible_periods() =>
        Assert.Throws<ArgumentException>(() => new CollectorOptions { PeriodS = 45 }.Validate());
}
