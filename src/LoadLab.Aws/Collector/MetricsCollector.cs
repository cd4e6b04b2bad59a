using System.Globalization;
using LoadLab.Aws.CloudWatch;
using LoadLab.Aws.Errors;
using LoadLab.Aws.SageMaker;
using LoadLab.Core.Findings;
using LoadLab.Core.AwsApi;
using LoadLab.Core.RunFiles;

namespace LoadLab.Aws.Collector;

/// <summary>What to collect: the endpoint and variant, and the run's window.</summary>
public sealed record CollectRequest(string Endpoint, string Variant, DateTimeOffset RunStartUtc, DateTimeOffset RunEndUtc,
    string? Region = null, IReadOnlyList<InstanceCountSample>? RecordedInstanceCounts = null);

/// <summary>
/// Pulls the endpoint's CloudWatch metrics for a run (read-only: GetMetricData and DescribeEndpoint) into a
/// <see cref="MetricsFile"/>. One batched GetMetricData (all pages) for every plain statistic, and one request per
/// percentile so a statistic the service refuses (moto answers HTTP 500) is a warning that loses nothing else.
/// A metric without datapoints is a warning, never a failure.
/// </summary>
public sealed class MetricsCollector(ICloudWatchClient cloudWatch, ISageMakerClient sageMaker, TimeProvider time, CollectorOptions? options = null)
{
    private readonly CollectorOptions _o = (options ?? new CollectorOptions()).Validate();

    public async Task<MetricsFile> CollectAsync(CollectRequest request, CancellationToken ct = default)
    {
        var warnings = new List<Finding>();
        var now = time.GetUtcNow();
        var (start, end) = MetricQueryPlan.Window(request.RunStartUtc, request.RunEndUtc, now, _o);
        var (batch, percentiles) = MetricQueryPlan.Build(end - start, _o);
        var dims = ScalingConstants.VariantDimensions(request.Endpoint, request.Variant);
        var dimsDict = dims.ToDictionary(d => d.Name, d => d.Value);
        var series = new List<MetricSeries>();

        // Plain statistics: one request (paged). A failure here is the service failing: it propagates (exit 3).
        var response = await cloudWatch.GetAllMetricDataAsync(new GetMetricDataRequest
        {
            MetricDataQueries = batch.Select(q => q.ToQuery(dims)).ToList(),
            StartTime = start,
            EndTime = end,
            ScanBy = ScanBy.TimestampAscending,
        }, ct).ConfigureAwait(false);
        foreach (var m in response.Messages ?? []) warnings.Add(Finding.Warning("cloudwatch.message", $"{m.Code}: {m.Value}", "GetMetricData"));
        foreach (var q in batch) Add(q, response.MetricDataResults.FirstOrDefault(r => r.Id == q.Id));

        foreach (var q in percentiles)
        {
            try
            {
                var r = await cloudWatch.GetAllMetricDataAsync(new GetMetricDataRequest
                {
                    MetricDataQueries = [q.ToQuery(dims)], StartTime = start, EndTime = end, ScanBy = ScanBy.TimestampAscending,
                }, ct).ConfigureAwait(false);
                Add(q, r.MetricDataResults.FirstOrDefault(x => x.Id == q.Id));
            }
            catch (Exception e) when (e is AwsServiceException or AwsTransportException)
            {
                // Percentiles of the server-side latencies only fill the report's CloudWatch table (the analysis uses the
                // client's): their absence is a note. Any other statistic the stages use is a warning.
                warnings.Add(new Finding(q.Stat.StartsWith('p') ? Severity.Info : Severity.Warning, "cloudwatch.statistic_unanswered",
                    "this CloudWatch did not answer the statistic; the other statistics are unaffected") { Subject = $"{q.MetricName} {q.Stat}", Detail = e.Message });
            }
        }

        // Instance counts: samples recorded during the run, plus one DescribeEndpoint now.
        var counts = new List<InstanceCountSample>(request.RecordedInstanceCounts ?? []);
        try
        {
            var d = await sageMaker.DescribeEndpointAsync(new DescribeEndpointRequest { EndpointName = request.Endpoint }, ct).ConfigureAwait(false);
            var v = d.ProductionVariants.FirstOrDefault(p => p.VariantName == request.Variant);
            if (v is null) warnings.Add(Finding.Warning("sagemaker.variant_missing", $"endpoint '{request.Endpoint}' has no variant '{request.Variant}'", "DescribeEndpoint"));
            else counts.Add(new InstanceCountSample(now, v.DesiredInstanceCount ?? v.CurrentInstanceCount ?? 0, v.CurrentInstanceCount ?? 0, d.EndpointStatus));
        }
        catch (Exception e) when (e is AwsServiceException or AwsTransportException)
        {
            warnings.Add(Finding.Warning("sagemaker.describe_failed", "DescribeEndpoint failed: instance counts come only from samples recorded during the run") with { Detail = e.Message });
        }
        if (counts.Count == 0) warnings.Add(Finding.Error("metrics.no_instance_counts", "no instance counts: steps cannot be turned into invocations per instance without them"));
        else if (request.RecordedInstanceCounts is not { Count: > 0 })
            warnings.Add(Finding.Warning("metrics.instances_assumed", "no DescribeEndpoint samples were recorded during the run: the instance count now is assumed to have held throughout"));

        return new MetricsFile
        {
            Endpoint = request.Endpoint,
            Variant = request.Variant,
            Region = request.Region,
            WindowStartUtc = start,
            WindowEndUtc = end,
            Series = series,
            InstanceCounts = counts.OrderBy(c => c.TimeUtc).ToList(),
            Warnings = warnings,
        };

        void Add(PlannedQuery q, MetricDataResult? r)
        {
            if (r is null || r.Values.Count == 0)
            {
                warnings.Add(q.MetricName.StartsWith("GPU", StringComparison.Ordinal)
                    ? Finding.Info("cloudwatch.no_gpu_datapoints", "no datapoints (normal for an instance without GPU)", $"{q.MetricName} {q.Stat}")
                    : Finding.Warning("cloudwatch.no_datapoints", $"no datapoints in {start:u} – {end:u} (metric missing or not published)", $"{q.MetricName} {q.Stat}"));
                return;
            }
            if (r.StatusCode is { } s && s != StatusCodes.Complete)
                warnings.Add(Finding.Warning("cloudwatch.partial_data", $"status {s}", $"{q.MetricName} {q.Stat}")
                    with { Detail = r.Messages is { Count: > 0 } m ? string.Join("; ", m.Select(x => x.Value)) : null });
            var points = r.Timestamps.Zip(r.Values, (t, v) => new MetricPoint(t.ToUniversalTime(), v * q.Scale))
                .OrderBy(p => p.TimeUtc).ToList();
            int gaps = CountGaps(points, q.PeriodS, start, end);
            if (gaps > 0)
                warnings.Add(Finding.Warning("cloudwatch.gaps", string.Format(CultureInfo.InvariantCulture, "{0} missing period(s) between the first and last datapoint", gaps), $"{q.MetricName} {q.Stat}"));
            series.Add(new MetricSeries
            {
                Namespace = q.Namespace, MetricName = q.MetricName, Dimensions = dimsDict, Stat = q.Stat, PeriodS = q.PeriodS,
                Unit = q.Unit, Points = points,
            });
        }
    }

    private static int CountGaps(IReadOnlyList<MetricPoint> points, int periodS, DateTimeOffset start, DateTimeOffset end)
    {
        int gaps = 0;
        for (int i = 1; i < points.Count; i++)
            gaps += Math.Max(0, (int)Math.Round((points[i].TimeUtc - points[i - 1].TimeUtc).TotalSeconds / periodS) - 1);
        return gaps;
    }
}
