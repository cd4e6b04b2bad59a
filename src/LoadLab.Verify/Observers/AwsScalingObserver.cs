using LoadLab.Aws;
using LoadLab.Aws.Config;
using LoadLab.Aws.ApplicationAutoScaling;
using LoadLab.Aws.CloudWatch;
using LoadLab.Aws.Errors;
using LoadLab.Aws.SageMaker;
using LoadLab.Core.AwsApi;
using LoadLab.Core.Findings;
using LoadLab.Core.RunFiles;
using LoadLab.Simulation.Traffic;

namespace LoadLab.Verify.Observers;

/// <summary>
/// A real endpoint: DescribeEndpoint for desired and current instances, DescribeScalingActivities for what Application
/// Auto Scaling did, DescribeAlarms for the states of the policies' alarms. An operation the service does not offer
/// (moto has no DescribeScalingActivities) becomes a warning, not a failure.
/// </summary>
public sealed class AwsScalingObserver(AwsContext aws, string endpoint, string variant, IList<Finding> warnings, TimeProvider time, bool ownsContext = true) : IScalingObserver
{
    private readonly ISageMakerClient _sageMaker = aws.SageMaker();
    private readonly IApplicationAutoScalingClient _aas = aws.ApplicationAutoScaling();
    private readonly ICloudWatchClient _cloudWatch = aws.CloudWatch();
    private IReadOnlyList<string>? _alarmNames;
    private bool _alarmsFailed;

    public string Description => $"AWS ({aws.Region}, {aws.EndpointFor(AwsService.SageMaker).GetLeftPart(UriPartial.Authority)})";
    public double MetricCountFactor => 1;
    private string ResourceId => ScalingConstants.VariantResourceId(endpoint, variant);

    public Task<ClockMapping> ClockAsync(CancellationToken ct) => Task.FromResult(ClockMapping.Identity(time.GetUtcNow()));

    public async Task<EndpointSample> SampleAsync(CancellationToken ct)
    {
        var d = await _sageMaker.DescribeEndpointAsync(new DescribeEndpointRequest { EndpointName = endpoint }, ct).ConfigureAwait(false);
        var v = d.ProductionVariants.FirstOrDefault(x => x.VariantName == variant);
        var now = time.GetUtcNow();
        return new EndpointSample(now, now, d.EndpointStatus ?? "", v?.DesiredInstanceCount, v?.CurrentInstanceCount);
    }

    public async Task<IReadOnlyList<ScalingActivity>> ActivitiesAsync(DateTimeOffset sinceUtc, CancellationToken ct)
    {
        try
        {
            var all = await _aas.DescribeAllScalingActivitiesAsync(new DescribeScalingActivitiesRequest
            {
                ResourceId = ResourceId, ScalableDimension = ScalingConstants.VariantDesiredInstanceCount,
            }, ct).ConfigureAwait(false);
            return all.Where(a => a.ResourceId == ResourceId && a.StartTime >= sinceUtc).OrderBy(a => a.StartTime).ToList();
        }
        catch (AwsServiceException ex)
        {
            warnings.Add(new Finding(Severity.Warning, VerifyCodes.ActivitiesUnread, "DescribeScalingActivities failed: the scaling timeline comes from the DescribeEndpoint samples only")
                { Detail = $"{ex.ErrorCode}: {ex.ErrorMessage}" });
            return [];
        }
    }

    public async Task<IReadOnlyList<AlarmSample>> AlarmsAsync(CancellationToken ct)
    {
        if (_alarmsFailed) return [];
        try
        {
            _alarmNames ??= (await _aas.DescribeAllScalingPoliciesAsync(new DescribeScalingPoliciesRequest
            {
                ResourceId = ResourceId, ScalableDimension = ScalingConstants.VariantDesiredInstanceCount,
            }, ct).ConfigureAwait(false)).Where(p => p.ResourceId == ResourceId).SelectMany(p => p.Alarms ?? []).Select(a => a.AlarmName).Distinct().ToList();
            if (_alarmNames.Count == 0) return [];
            var r = await _cloudWatch.DescribeAlarmsAsync(new DescribeAlarmsRequest { AlarmNames = _alarmNames.Take(100).ToList() }, ct).ConfigureAwait(false);
            var now = time.GetUtcNow();
            return r.MetricAlarms.Where(a => a.AlarmName is not null)
                .Select(a => new AlarmSample(now, a.AlarmName!, a.StateValue ?? "", a.StateUpdatedTimestamp, a.StateReason)).ToList();
        }
        catch (AwsServiceException ex)
        {
            _alarmsFailed = true;
            warnings.Add(new Finding(Severity.Warning, VerifyCodes.AlarmsUnread, "alarm states not read") { Detail = $"{ex.ErrorCode}: {ex.ErrorMessage}" });
            return [];
        }
    }

    /// <summary>CloudWatch's AWS/SageMaker InvocationsPerInstance, Sum per 60 s for the variant: what target tracking compares with its target.</summary>
    public async Task<IReadOnlyDictionary<DateTimeOffset, double>> InvocationsPerInstanceAsync(DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken ct)
    {
        try
        {
            var sums = await _cloudWatch.SumPerMinuteAsync("InvocationsPerInstance", endpoint, variant, fromUtc, toUtc, ct).ConfigureAwait(false);
            return sums.GroupBy(p => TrafficSeries.FloorMinute(p.TimeUtc)).ToDictionary(g => g.Key, g => g.Sum(p => p.Value));
        }
        catch (AwsServiceException ex)
        {
            warnings.Add(new Finding(Severity.Warning, VerifyCodes.MetricUnread, "InvocationsPerInstance not read from CloudWatch: the timeline shows the offered load per instance only")
                { Detail = $"{ex.ErrorCode}: {ex.ErrorMessage}" });
            return new Dictionary<DateTimeOffset, double>();
        }
    }

    public void Dispose()
    {
        if (ownsContext) aws.Dispose();
    }
}
