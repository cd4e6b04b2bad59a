using LoadLab.Aws;
using LoadLab.Core.Errors;
using LoadLab.Core.Findings;
using LoadLab.Core.Scenarios;
using LoadLab.Engine.Targets;

namespace LoadLab.Verify.Observers;

/// <summary>Which observer reads an endpoint's instance counts: the sim endpoint's admin API when the target is the sim, else AWS.</summary>
public static class ScalingObserverChoice
{
    /// <param name="adminUrl">The sim's base URL as the user gave it (--admin-url), or null to detect it.</param>
    /// <param name="command">The command asking, for the message when neither observer fits.</param>
    public static async Task<IScalingObserver> ChooseAsync(string? adminUrl, Scenario scenario, string scenarioPath, TargetSettings target,
        List<Finding> warnings, TimeProvider time, string command, CancellationToken ct)
    {
        var variant = scenario.Target.Variant;
        if (adminUrl is { } admin)
        {
            if (!Uri.TryCreate(admin, UriKind.Absolute, out var u) || u.Scheme is not ("http" or "https"))
                throw new UserInputException("--admin-url", "--admin-url", $"'{admin}' is not an http(s) URL");
            return new SimAdminObserver(u, variant, time);
        }
        // The target being the sim: its own URL (http target, or endpointUrl), or the runtime endpoint the environment points at.
        var candidates = new[]
        {
            scenario.Target.Url, scenario.Target.EndpointUrl,
            target.Environment.Get("AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME"),
        };
        foreach (var c in candidates)
            if (c is not null && Uri.TryCreate(c, UriKind.Absolute, out var baseUri) && baseUri.IsLoopback
                && await SimAdminObserver.IsSimAsync(new Uri(baseUri.GetLeftPart(UriPartial.Authority)), ct).ConfigureAwait(false))
                return new SimAdminObserver(new Uri(baseUri.GetLeftPart(UriPartial.Authority)), variant, time);

        if (scenario.Target.Kind != TargetKind.SageMaker || scenario.Target.Endpoint is null)
            throw new UserInputException(scenarioPath, "target", $"{command} needs a SageMaker endpoint target (to read DescribeEndpoint and DescribeScalingActivities) or --admin-url of the sim endpoint");
        var aws = AwsContext.Create(target.Region ?? scenario.Target.Region, target.Profile, target.EndpointUrl);
        return new AwsScalingObserver(aws, scenario.Target.Endpoint, variant, warnings, time);
    }
}
