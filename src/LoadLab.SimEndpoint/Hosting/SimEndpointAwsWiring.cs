using LoadLab.Aws;
using LoadLab.Aws.Config;
using LoadLab.Aws.Credentials;
using LoadLab.SimEndpoint.Aws;
using LoadLab.SimEndpoint.Options;

namespace LoadLab.SimEndpoint.Hosting;

/// <summary>
/// Chooses the control plane and metric sink from the AWS settings, as the AWS CLI would resolve them:
/// <list type="bullet">
/// <item>--standalone, or no endpoint URL (--endpoint-url, AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_SAGEMAKER): standalone.
/// The sim registers only with a control plane the user points it at (moto); it never creates SageMaker resources
/// in a real account on its own.</item>
/// <item>An endpoint URL: register there (SageMaker) and publish metrics there (CloudWatch, or
/// AWS_ENDPOINT_URL_CLOUDWATCH), signed with the resolved credentials.</item>
/// </list>
/// --verify-sigv4 checks invocations against the same credentials.
/// </summary>
public static class SimEndpointAwsWiring
{
    public static Task<SimEndpointServices> ResolveAsync(SimEndpointOptions options, TextWriter log, CancellationToken ct) =>
        ResolveAsync(options, log, AwsEnvironment.Process, ct);

    /// <summary>Resolves credentials now, so a missing key is a clear start-up error rather than a 500 on the first request.</summary>
    private static async Task<ICredentialSource> ResolveCredentialsAsync(Func<ICredentialSource> resolve, CancellationToken ct)
    {
        try
        {
            var source = resolve();
            await source.GetAsync(ct).ConfigureAwait(false);
            return source;
        }
        catch (Exception ex) when (ex is Core.Errors.TargetFailedException or Core.Errors.UserInputException)
        {
            throw new Core.Errors.UserInputException("sim-endpoint", "--verify-sigv4", $"needs credentials to verify signatures against: {ex.Message}");
        }
    }

    public static async Task<SimEndpointServices> ResolveAsync(SimEndpointOptions options, TextWriter log, AwsEnvironment env, CancellationToken ct)
    {
        var endpointUrl = options.EndpointUrl
                          ?? env.Get(AwsService.SageMaker.EndpointEnvironmentVariable)
                          ?? env.Get("AWS_ENDPOINT_URL");
        string? reason = options.Standalone ? "--standalone"
            : endpointUrl is null ? "no --endpoint-url or AWS_ENDPOINT_URL: not registering with any control plane and not publishing metrics" : null;

        if (reason is not null)
        {
            // Standalone needs no region; it is only named in ARNs of error messages.
            var region = options.Region ?? env.Get("AWS_REGION") ?? env.Get("AWS_DEFAULT_REGION") ?? "us-east-1";
            var standalone = new SimEndpointServices { Region = region, Log = log, StandaloneReason = reason };
            if (!options.VerifySigV4) return standalone;
            var keys = await ResolveCredentialsAsync(() => AwsCredentialResolver.Resolve(options.Profile, env), ct).ConfigureAwait(false);
            return standalone with { SigV4Verifier = new SigV4RequestVerifier(keys, AwsService.SageMakerRuntime.SigningName, TimeProvider.System) };
        }

        var context = new AwsContext(new AwsContextOptions
        {
            Region = options.Region,
            Profile = options.Profile,
            EndpointUrl = options.EndpointUrl,
            Environment = env,
        });
        var services = new SimEndpointServices { Region = context.Region, Log = log, Owned = [context] };
        if (options.VerifySigV4)
        {
            try
            {
                var keys = await ResolveCredentialsAsync(() => context.Credentials, ct).ConfigureAwait(false);
                services = services with { SigV4Verifier = new SigV4RequestVerifier(keys, AwsService.SageMakerRuntime.SigningName, TimeProvider.System) };
            }
            catch { context.Dispose(); throw; }
        }

        var sageMakerUrl = context.EndpointFor(AwsService.SageMaker);
        return services with
        {
            ControlPlane = new SageMakerControlPlane(context.SageMaker(), $"SageMaker at {sageMakerUrl.GetLeftPart(UriPartial.Authority)} ({context.Region})"),
            MetricSink = new CloudWatchMetricSink(context.CloudWatch()),
            ScalingConfig = LoadLab.Aws.ScalingConfig.AwsScalingConfigStore.From(context),
        };
    }
}
