using System.Net;
using LoadLab.Aws.Errors;
using LoadLab.Aws.SageMaker;
using LoadLab.Core.RunFiles;
using LoadLab.Engine.Running;
using LoadLab.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace LoadLab.Engine.Tests;

/// <summary>The DescribeEndpoint sampler on a fake clock: sample times, the scenario's variant, one warning on failure.</summary>
public sealed class InstanceSamplerTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private readonly TempDir _dir = new("loadlab-instances");
    private readonly FakeTimeProvider _time = new(T0);
    private readonly List<string> _warnings = [];

    public void Dispose() => _dir.Dispose();

    private InstanceSampler Sampler(FakeSageMaker client, string variant = "AllTraffic") =>
        new(client, "ep", variant, _dir.File("instances.csv"), new InstanceSamplingOptions { Interval = TimeSpan.FromSeconds(10) }, _time,
            w => { lock (_warnings) _warnings.Add(w); });

    [Fact]
    public async Task Samples_at_start_every_interval_and_at_stop_for_the_scenarios_variant()
    {
        // The other variant comes first and has other counts: only AllTraffic's may be written.
        var client = new FakeSageMaker(i => Response(("Other", 9, 8), ("AllTraffic", 1 + i, 1 + i / 2)));
        using var stop = new CancellationTokenSource();
        var sampler = Sampler(client);
        var run = sampler.RunAsync(stop.Token);
        await client.WaitForCallsAsync(1);
        for (var k = 2; k <= 4; k++)
        {
            _time.Advance(TimeSpan.FromSeconds(10));
            await client.WaitForCallsAsync(k);
        }
        _time.Advance(TimeSpan.FromSeconds(5));   // half an interval: no sample
        await Task.Delay(50);
        Assert.Equal(4, client.Calls.Count);
        await stop.CancelAsync();
        await run;

        Assert.Equal(InstanceSamplesCsv.Header, File.ReadLines(_dir.File("instances.csv")).First());
        var rows = InstanceSamplesCsv.Parse("instances.csv", File.ReadAllText(_dir.File("instances.csv")));
        Assert.Equal(new[] { 0.0, 10, 20, 30, 35 }, rows.Select(r => (r.TimeUtc - T0).TotalSeconds));
        Assert.Equal(new[] { 1, 2, 3, 4, 5 }, rows.Select(r => r.Desired));
        Assert.Equal(new[] { 1, 1, 2, 2, 3 }, rows.Select(r => r.Current));
        Assert.All(rows, r => Assert.Equal("InService", r.Status));
        Assert.All(client.Calls, c => Assert.Equal("ep", c));
        Assert.Empty(_warnings);
        Assert.Null(sampler.Warning);
        Assert.Equal(5, sampler.Samples);
    }

    [Fact]
    public async Task A_call_in_flight_when_the_run_stops_is_abandoned_and_the_last_sample_is_still_taken()
    {
        // Call 1 (at +10 s) is still waiting for DescribeEndpoint when the load stops; call 2 is the last sample.
        var client = new FakeSageMaker(i => Response(("AllTraffic", 2 + i, 2)), hangFrom: 1, hangUntil: 2);
        using var stop = new CancellationTokenSource();
        var sampler = Sampler(client);
        var run = sampler.RunAsync(stop.Token);
        await client.WaitForCallsAsync(1);
        _time.Advance(TimeSpan.FromSeconds(10));
        await client.WaitForCallsAsync(2);
        _time.Advance(TimeSpan.FromSeconds(2));
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(3, client.Calls.Count);
        var rows = InstanceSamplesCsv.Parse("instances.csv", File.ReadAllText(_dir.File("instances.csv")));
        Assert.Equal(new[] { (0.0, 2), (12, 4) }, rows.Select(r => ((r.TimeUtc - T0).TotalSeconds, r.Desired)));
        Assert.Empty(_warnings);
    }

    [Fact]
    public async Task A_failure_gives_one_warning_stops_sampling_and_keeps_the_rows_taken()
    {
        var client = new FakeSageMaker(i => i == 0
            ? Response(("AllTraffic", 2, 2))
            : throw new AwsServiceException("AccessDeniedException", "not authorized to perform sagemaker:DescribeEndpoint", "req-1",
                HttpStatusCode.BadRequest, "SageMaker", "DescribeEndpoint"));
        using var stop = new CancellationTokenSource();
        var sampler = Sampler(client);
        var run = sampler.RunAsync(stop.Token);
        await client.WaitForCallsAsync(1);
        _time.Advance(TimeSpan.FromSeconds(10));
        await run.WaitAsync(TimeSpan.FromSeconds(10));   // sampling ended by itself, before the run stopped

        _time.Advance(TimeSpan.FromSeconds(60));
        await stop.CancelAsync();
        Assert.Equal(2, client.Calls.Count);   // no retry of the schedule, no last sample after a failure
        var warning = Assert.Single(_warnings);
        Assert.Contains("AccessDeniedException", warning);
        Assert.Contains("after 1 sample(s)", warning);
        Assert.Equal(warning, sampler.Warning);
        var row = Assert.Single(InstanceSamplesCsv.Parse("instances.csv", File.ReadAllText(_dir.File("instances.csv"))));
        Assert.Equal((T0, 2, 2), (row.TimeUtc, row.Desired, row.Current));
    }

    [Fact]
    public async Task A_network_failure_on_the_first_call_leaves_no_file_and_one_warning()
    {
        var client = new FakeSageMaker(_ => throw new HttpRequestException("Connection refused (127.0.0.1:1)"));
        using var stop = new CancellationTokenSource();
        await Sampler(client).RunAsync(stop.Token).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Single(client.Calls);
        Assert.Contains("Connection refused", Assert.Single(_warnings));
        Assert.False(File.Exists(_dir.File("instances.csv")));
    }

    [Fact]
    public async Task A_variant_the_endpoint_does_not_have_is_one_warning_naming_the_variants_it_has()
    {
        var client = new FakeSageMaker(_ => Response(("Blue", 1, 1), ("Green", 1, 1)));
        using var stop = new CancellationTokenSource();
        await Sampler(client, variant: "AllTraffic").RunAsync(stop.Token).WaitAsync(TimeSpan.FromSeconds(10));

        var warning = Assert.Single(_warnings);
        Assert.Contains("no variant 'AllTraffic'", warning);
        Assert.Contains("Blue, Green", warning);
        Assert.False(File.Exists(_dir.File("instances.csv")));
    }

    [Fact]
    public async Task The_last_sample_is_given_up_after_its_timeout_with_one_warning()
    {
        // A describe that never answers once the load has stopped: the stop must not hang the run.
        var client = new FakeSageMaker(i => Response(("AllTraffic", 1, 1)), hangFrom: 1);
        using var stop = new CancellationTokenSource();
        var sampler = new InstanceSampler(client, "ep", "AllTraffic", _dir.File("instances.csv"),
            new InstanceSamplingOptions { Interval = TimeSpan.FromSeconds(10), FinalSampleTimeout = TimeSpan.FromSeconds(3) }, _time,
            w => { lock (_warnings) _warnings.Add(w); });
        var run = sampler.RunAsync(stop.Token);
        await client.WaitForCallsAsync(1);
        await stop.CancelAsync();
        await client.WaitForCallsAsync(2);
        _time.Advance(TimeSpan.FromSeconds(3));
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Contains("longer than 3 s", Assert.Single(_warnings));
        Assert.Single(InstanceSamplesCsv.Parse("instances.csv", File.ReadAllText(_dir.File("instances.csv"))));
    }

    private static DescribeEndpointResponse Response(params (string Name, int Desired, int Current)[] variants) => new()
    {
        EndpointName = "ep",
        EndpointStatus = EndpointStatus.InService,
        ProductionVariants = variants.Select(v => new ProductionVariantSummary
        {
            VariantName = v.Name, DesiredInstanceCount = v.Desired, CurrentInstanceCount = v.Current,
        }).ToList(),
    };

    /// <summary>DescribeEndpoint answered by a function of the call's index (synchronously); the rest is not used.</summary>
    /// <summary>Calls from <paramref name="hangFrom"/> up to (not including) <paramref name="hangUntil"/> wait until cancelled.</summary>
    internal sealed class FakeSageMaker(Func<int, DescribeEndpointResponse> describe, int hangFrom = int.MaxValue, int hangUntil = int.MaxValue) : ISageMakerClient
    {
        private readonly List<string> _calls = [];

        public IReadOnlyList<string> Calls { get { lock (_calls) return [.. _calls]; } }

        public async Task WaitForCallsAsync(int count)
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (Calls.Count < count)
            {
                Assert.True(DateTime.UtcNow < deadline, $"expected {count} DescribeEndpoint calls, saw {Calls.Count}");
                await Task.Delay(5);
            }
        }

        public Task<DescribeEndpointResponse> DescribeEndpointAsync(DescribeEndpointRequest request, CancellationToken cancellationToken = default)
        {
            int index;
            lock (_calls) { index = _calls.Count; _calls.Add(request.EndpointName); }
            if (index >= hangFrom && index < hangUntil) return Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith<DescribeEndpointResponse>(
                t => throw new OperationCanceledException(cancellationToken), TaskScheduler.Default);
            try { return Task.FromResult(describe(index)); }
            catch (Exception e) { return Task.FromException<DescribeEndpointResponse>(e); }
        }

        public Task<DescribeEndpointConfigResponse> DescribeEndpointConfigAsync(DescribeEndpointConfigRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<UpdateEndpointWeightsAndCapacitiesResponse> UpdateEndpointWeightsAndCapacitiesAsync(UpdateEndpointWeightsAndCapacitiesRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<CreateModelResponse> CreateModelAsync(CreateModelRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<CreateEndpointConfigResponse> CreateEndpointConfigAsync(CreateEndpointConfigRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<CreateEndpointResponse> CreateEndpointAsync(CreateEndpointRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task DeleteEndpointAsync(DeleteEndpointRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
