using LoadLab.SimEndpoint.Metrics;
using LoadLab.SimEndpoint.Options;

namespace LoadLab.SimEndpoint.Tests;

public sealed class MetricsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static (PeriodSummary, MetricWindow) Period(long invocations)
    {
        var w = new MetricWindow { Invocations = invocations, Invocation4XX = 1, Invocation5XX = 2, BusyTicks = 0 };
        for (var k = 0; k < invocations; k++) { w.ModelLatencyUs.Record(20_000 + k); w.OverheadLatencyUs.Record(50); }
        var s = SageMakerMetrics.Summarise("AllTraffic", w, T0, TimeSpan.FromSeconds(10), 10, 2, 12.5, 1e9);
        return (s, w);
    }

    [Fact]
    public void A_period_becomes_the_metrics_sagemaker_publishes()
    {
        var (s, w) = Period(100);
        var data = SageMakerMetrics.ToDatums("ep", s, w, LatencyShape.Statistics);
        var byName = data.ToDictionary(d => d.MetricName);
        Assert.Equal(
            new[] { "Invocations", "InvocationsPerInstance", "Invocation4XXErrors", "Invocation5XXErrors", "ModelLatency", "OverheadLatency", "CPUUtilization", "MemoryUtilization" }.Order(),
            byName.Keys.Order());
        Assert.All(data, d => Assert.Equal([KeyValuePair.Create("EndpointName", "ep"), KeyValuePair.Create("VariantName", "AllTraffic")], d.Dimensions));
        Assert.All(data, d => Assert.Equal(1, d.StorageResolution)); // 10 s period: high resolution
        Assert.Equal(100, byName["Invocations"].Value);
        Assert.Equal(50, byName["InvocationsPerInstance"].Value); // 2 instances in service
        Assert.Equal("Microseconds", byName["ModelLatency"].Unit);
        Assert.Equal(100, byName["ModelLatency"].StatisticValues!.SampleCount);
        Assert.Equal(20_000, byName["ModelLatency"].StatisticValues!.Minimum);
        Assert.Equal(20_099, byName["ModelLatency"].StatisticValues!.Maximum);
        Assert.Equal("AWS/SageMaker", byName["ModelLatency"].Namespace);
        Assert.Equal("/aws/sagemaker/Endpoints", byName["CPUUtilization"].Namespace);
        Assert.Equal("Percent", byName["MemoryUtilization"].Unit);
    }

    [Fact]
    public void Idle_periods_publish_only_instance_metrics()
    {
        var (s, w) = Period(0);
        var data = SageMakerMetrics.ToDatums("ep", s, w, LatencyShape.Statistics);
        Assert.Equal(["CPUUtilization", "MemoryUtilization"], data.Select(d => d.MetricName).Order());
    }

    [Fact]
    public void Values_shape_carries_the_distribution_in_at_most_150_values_per_datum()
    {
        var w = new MetricWindow { Invocations = 5000 };
        var rng = new Fleet.CounterRng(1);
        for (var k = 0; k < 5000; k++) w.ModelLatencyUs.Record((long)(1 + 1e7 * rng.NextDouble() * rng.NextDouble()));
        var s = SageMakerMetrics.Summarise("v", w, T0, TimeSpan.FromSeconds(60), 60, 1, 1, 1e9);
        var latency = SageMakerMetrics.ToDatums("ep", s, w, LatencyShape.Values).Where(d => d.MetricName == "ModelLatency").ToArray();
        Assert.True(latency.Length >= 1);
        Assert.All(latency, d => Assert.InRange(d.Values!.Count, 1, 150));
        Assert.All(latency, d => Assert.Equal(d.Values!.Count, d.Counts!.Count));
        Assert.Equal(5000, latency.Sum(d => d.Counts!.Sum()));
        Assert.All(latency, d => Assert.Equal(60, d.StorageResolution));
    }

    [Fact]
    public void Latency_histogram_buckets_are_within_seven_percent()
    {
        foreach (var v in new long[] { 1, 15, 16, 17, 1000, 12_345, 20_000_000 })
        {
            var rep = LatencyAccumulator.Representative(LatencyAccumulator.Index(v));
            Assert.InRange(rep, v * 0.93, v * 1.07 + 1);
        }
    }
}

public sealed class MetricsPumpTests
{
    [Fact]
    public async Task Periods_close_on_the_emulated_clock_with_one_concurrency_sample_per_interval()
    {
        var real = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var clock = new Fleet.ScaledTimeProvider(real, 1);
        var o = new SimEndpointOptions { MetricsPeriod = TimeSpan.FromSeconds(10) };
        using var fleet = new Fleet.SimFleet(o, clock);
        var sink = new ListSink();
        var pump = new MetricsPump(fleet, sink, TextWriter.Null);
        pump.Start();
        for (var k = 0; k < 25; k++)
        {
            await Task.Delay(5);
            real.Advance(TimeSpan.FromSeconds(1));
        }
        Assert.True(SpinWait.SpinUntil(() => pump.Summaries().Count >= 2, TimeSpan.FromSeconds(5)));
        var first = pump.Summaries()[0];
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), first.PeriodStartUtc);
        Assert.InRange(first.ConcurrentRequests!.SampleCount, 8, 11); // one per second of a 10 s period
        Assert.Equal(1, first.MeanInService);
        // Closing the last period waits a grace period on the fleet's real clock (for requests still adding to the
        // swapped window); on a fake clock the test moves that clock on until the pump has stopped.
        var disposing = pump.DisposeAsync().AsTask();
        while (!disposing.IsCompleted)
        {
            real.Advance(TimeSpan.FromMilliseconds(50));
            await Task.WhenAny(disposing, Task.Delay(5));
        }
        await disposing;
        Assert.True(sink.Calls > 0);
        Assert.All(sink.Namespaces, ns => Assert.Contains(ns, new[] { "AWS/SageMaker", "/aws/sagemaker/Endpoints" }));
    }

    private sealed class ListSink : IMetricSink
    {
        public int Calls;
        public List<string> Namespaces { get; } = [];
        public Task PutMetricDataAsync(string @namespace, IReadOnlyList<SimMetricDatum> data, CancellationToken ct)
        {
            lock (Namespaces) { Calls++; Namespaces.Add(@namespace); }
            return Task.CompletedTask;
        }
    }
}
