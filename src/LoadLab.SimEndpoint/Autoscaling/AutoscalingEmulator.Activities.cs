using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LoadLab.Core.AwsApi;
using LoadLab.Simulation.Autoscaling;
using AwsScalingActivity = LoadLab.Core.AwsApi.ScalingActivity;

namespace LoadLab.SimEndpoint.Autoscaling;

/// <summary>The emulation's scaling activities, recorded and completed in the DescribeScalingActivities shape.</summary>
public sealed partial class AutoscalingEmulator
{
    private void Record(VariantScaling v, Simulation.Autoscaling.ScalingActivity a)
    {
        var index = Interlocked.Increment(ref v.ActivityCount);
        var changed = a.To != a.From;
        var description = a.Direction == ScalingDirection.Scheduled && !changed
            ? $"Setting scheduled capacity bounds of {v.Variant.Name}."
            : $"Setting desired instance count to {a.To}.";
        var cause = a.Direction == ScalingDirection.Scheduled
            ? $"maintaining desired instance count ({a.Source}: {a.Cause})"
            : a.Source == "RegisterScalableTarget" ? $"change of the scalable target's capacity bounds ({a.Cause})"
            : $"monitor alarm of policy {a.Source} in state ALARM triggered policy {a.Source} ({a.Cause})";
        var activity = new AwsScalingActivity
        {
            ActivityId = ActivityId(v.Key.ResourceId, index),
            ResourceId = v.Key.ResourceId,
            ServiceNamespace = v.Key.ServiceNamespace,
            ScalableDimension = v.Key.ScalableDimension,
            Description = description,
            Cause = $"At {a.TimeUtc:yyyy-MM-dd'T'HH:mm:ss'Z'} a {cause} changed the desired instance count from {a.From} to {a.To}.",
            StartTime = a.TimeUtc,
            EndTime = changed ? null : a.TimeUtc,
            StatusCode = changed ? ScalingActivityStatusCodes.InProgress : ScalingActivityStatusCodes.Successful,
            StatusMessage = changed ? null : "No change of the desired instance count was needed.",
            Details = JsonSerializer.Serialize(new { a.From, a.To, Direction = a.Direction.ToString(), Policy = a.Source, Reason = a.Cause }),
        };
        lock (_activities)
        {
            if (changed)
                for (var i = 0; i < _activities.Count; i++)
                    if (_activities[i].ResourceId == activity.ResourceId && _activities[i].StatusCode == ScalingActivityStatusCodes.InProgress)
                        _activities[i] = _activities[i] with
                        {
                            StatusCode = ScalingActivityStatusCodes.Overridden, EndTime = a.TimeUtc,
                            StatusMessage = "A later scaling activity changed the desired instance count before this one was fulfilled.",
                        };
            _activities.Add(activity);
        }
    }

    /// <summary>An activity is fulfilled when the variant has exactly its desired count InService and nothing starting or draining.</summary>
    private void CompleteActivities(VariantScaling v, DateTimeOffset now)
    {
        var (pending, inService, draining) = v.Variant.Counts();
        if (pending > 0 || draining > 0 || inService != v.Variant.Desired) return;
        lock (_activities)
            for (var i = 0; i < _activities.Count; i++)
                if (_activities[i].ResourceId == v.Key.ResourceId && _activities[i].StatusCode == ScalingActivityStatusCodes.InProgress)
                    _activities[i] = _activities[i] with
                    {
                        StatusCode = ScalingActivityStatusCodes.Successful, EndTime = now,
                        StatusMessage = $"Successfully set desired instance count to {inService}. Change successfully fulfilled by sagemaker.",
                    };
    }

    private static string ActivityId(string resourceId, long index)
    {
        // Deterministic (same endpoint, same sequence, same ids) and shaped like AWS's UUIDs.
        var hash = MD5.HashData(Encoding.UTF8.GetBytes($"{resourceId}#{index}"));
        return new Guid(hash).ToString();
    }
}
