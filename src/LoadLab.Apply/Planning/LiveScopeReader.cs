using LoadLab.Apply.Model;
using LoadLab.Core.AwsApi;
using LoadLab.Core.AwsApi.Validation;
using LoadLab.Core.Errors;
using LoadLab.Core.Ports;

namespace LoadLab.Apply.Planning;

/// <summary>What apply reads before it plans: the endpoint's status, and the live configuration in scope.</summary>
public sealed class LiveScopeReader(IScalingConfigStore store)
{
    /// <summary>The endpoint exists and is InService, and the variant exists; every problem at once, exit 2.</summary>
    public async Task CheckEndpointAsync(ScalableTargetKey key, string source, CancellationToken cancellationToken)
    {
        if (!ApplyService.TryParseVariant(key.ResourceId, out var endpoint, out var variant)) return; // inference components: nothing to describe here
        var e = await store.DescribeEndpointAsync(endpoint, cancellationToken).ConfigureAwait(false);
        var problems = new List<Problem>();
        if (e is null)
            problems.Add(Problem.General(source, "Endpoint", $"endpoint '{endpoint}' does not exist (DescribeEndpoint found nothing in this region/account)"));
        else
        {
            if (e.EndpointStatus != EndpointSummary.InService)
                problems.Add(Problem.General(source, "Endpoint", e.EndpointStatus is "Creating" or "Updating" or "SystemUpdating" or "RollingBack"
                    ? $"endpoint '{endpoint}' is {e.EndpointStatus}; Application Auto Scaling cannot be changed until it is InService again. Wait for it and run this again."
                    : $"endpoint '{endpoint}' is {e.EndpointStatus}, not InService{(e.FailureReason is null ? "" : $" ({e.FailureReason})")}; refusing to change its scaling"));
            if (!e.VariantNames.Contains(variant, StringComparer.Ordinal))
                problems.Add(Problem.General(source, "Variant", $"variant '{variant}' does not exist on endpoint '{endpoint}' (it has: {string.Join(", ", e.VariantNames)})"));
        }
        if (problems.Count > 0) throw new UserInputException(problems);
    }

    /// <summary>
    /// Refuses to take over an existing alarm that drives a scaling policy of another scalable target (alarm names are
    /// global in the account): overwriting it would silently break that target's scaling. --replace overrides.
    /// </summary>
    public static void CheckAlarmConflicts(DesiredConfig desired, ScalingConfigState live, string source, bool replace)
    {
        if (replace) return;
        var marker = ResourceMarker(desired.Key);
        var problems = new List<Problem>();
        for (var i = 0; i < desired.Alarms.Count; i++)
        {
            var existing = live.Alarms.FirstOrDefault(a => a.AlarmName == desired.Alarms[i].AlarmName);
            var foreign = existing?.AlarmActions?.FirstOrDefault(x => ScalingRequestValidator.ReferencedPolicyName(x) is not null && !IsPolicyOf(x, marker));
            if (foreign is not null)
                problems.Add(Problem.General(source, $"PutMetricAlarm[{i}].AlarmName",
                    $"alarm '{existing!.AlarmName}' already exists and drives a policy of another scalable target ({foreign}); rename it in the recommendation or rerun with --replace to take it over"));
        }
        if (problems.Count > 0) throw new UserInputException(problems);
    }

    /// <summary>The live target plus the alarms in scope: the named ones, the ones its step policies list, and LoadLab's
    /// own ("loadlab-" prefix) whose actions point at a policy of this target, live or gone. AWS leaves a step policy's
    /// alarms behind when the policy is deleted; an orphan of ours is in scope, so the plan shows and removes it.</summary>
    public async Task<ScalingConfigState> ReadScopeAsync(ScalableTargetKey key, IReadOnlyCollection<string> alarmNames, CancellationToken cancellationToken)
    {
        var state = await store.ReadAsync(key, cancellationToken).ConfigureAwait(false);
        var names = new HashSet<string>(alarmNames, StringComparer.Ordinal);
        foreach (var p in state.Policies.Where(p => p.Request.PolicyType == PolicyTypes.StepScaling))
            names.UnionWith(p.AlarmNames ?? []);
        var alarms = (await store.DescribeAlarmsAsync(names, cancellationToken).ConfigureAwait(false)).ToList();
        var arns = state.Policies.Select(p => p.PolicyArn).ToHashSet(StringComparer.Ordinal);
        var marker = ResourceMarker(key);
        foreach (var a in await store.DescribeAlarmsByPrefixAsync(Ownership.Prefix, cancellationToken).ConfigureAwait(false))
            if (!names.Contains(a.AlarmName) && (a.AlarmActions ?? []).Any(x => arns.Contains(x) || IsPolicyOf(x, marker)))
                alarms.Add(a);
        return state with { Alarms = alarms.OrderBy(a => a.AlarmName, StringComparer.Ordinal).ToList() };
    }

    /// <summary>The part of a scaling policy ARN that names its target: "...:resource/sagemaker/endpoint/e/variant/v:policyName/...".</summary>
    private static string ResourceMarker(ScalableTargetKey key) => $":resource/{key.ServiceNamespace}/{key.ResourceId}:";

    private static bool IsPolicyOf(string alarmAction, string marker) =>
        ScalingRequestValidator.ReferencedPolicyName(alarmAction) is not null && alarmAction.Contains(marker, StringComparison.Ordinal);
}
