using LoadLab.Aws;
using LoadLab.Aws.Config;
using LoadLab.Aws.Credentials;
using LoadLab.Core.Errors;
using LoadLab.Core.RunFiles;
using LoadLab.Core.Scenarios;
using LoadLab.Engine.Payloads;

namespace LoadLab.Engine.Targets;

/// <summary>What the command line says about AWS; each null falls back to the scenario, then the environment.</summary>
public sealed record TargetSettings(string? Region = null, string? Profile = null, string? EndpointUrl = null)
{
    public AwsEnvironment Environment { get; init; } = AwsEnvironment.Process;

    /// <summary>Fixed credentials (tests, a local stack); null = resolved like the AWS CLI.</summary>
    public ICredentialSource? Credentials { get; init; }
}

/// <summary>A target ready to send, and how run.json describes it.</summary>
public sealed record BuiltTarget(ILoadTarget Target, RunTarget Description)
{
    /// <summary>For a SageMaker target: the resolved AWS settings (with the credentials already resolved), for control-plane calls during the run.</summary>
    public AwsContextOptions? Aws { get; init; }
}

/// <summary>Builds the <see cref="ILoadTarget"/> a scenario names, resolving AWS settings like the AWS CLI.</summary>
public static class TargetFactory
{
    /// <summary>
    /// Builds the target with a connection pool of <paramref name="maxConnections"/>. For SageMaker, credentials are
    /// resolved here, before any load starts (missing credentials end the command with exit 3).
    /// Precedence: --endpoint-url / --region on the command line, then the scenario's target, then the environment.
    /// The scenario's <c>target.endpointUrl</c> is the SageMaker Runtime URL only: the control-plane calls made during
    /// the run (DescribeEndpoint sampling) resolve their own endpoint as every later stage does.
    /// </summary>
    public static async Task<BuiltTarget> CreateAsync(Scenario scenario, PayloadSet payloads, TargetSettings settings, int maxConnections,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var spec = scenario.Target;
        var source = scenario.SourcePath ?? scenario.Name;
        var connectTimeout = spec.Timeout < TimeSpan.FromSeconds(10) ? spec.Timeout : TimeSpan.FromSeconds(10);
        switch (spec.Kind)
        {
            case TargetKind.Http:
            {
                var url = settings.EndpointUrl ?? spec.Url;
                if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                    throw new UserInputException(source, "target.url", $"'{url}' is not an http(s) URL");
                var target = new HttpTarget(uri, spec.Method, spec.Headers, payloads, HttpConnections.CreateHandler(maxConnections, connectTimeout),
                    spec.Stream, time);
                return new BuiltTarget(target, new RunTarget("http", null, null, null, uri.ToString()) { Stream = spec.Stream ? true : null });
            }
            case TargetKind.SageMaker:
            {
                var endpoint = spec.Endpoint ?? throw new UserInputException(source, "target.endpoint", "a sagemaker target needs an endpoint name");
                var awsOptions = new AwsContextOptions
                {
                    Region = settings.Region ?? spec.Region,
                    Profile = settings.Profile,
                    EndpointUrl = settings.EndpointUrl,
                    Environment = settings.Environment,
                    Credentials = settings.Credentials,
                    Time = time,
                };
                using var aws = new AwsContext(awsOptions);
                var credentials = aws.Credentials;
                // Resolve once now: a missing or broken credential chain must stop the run before the load starts.
                await credentials.GetAsync(cancellationToken).ConfigureAwait(false);
                var runtimeUrl = settings.EndpointUrl is null && spec.EndpointUrl is { Length: > 0 } own
                    ? AwsEndpointResolver.Parse(own, $"{source}: target.endpointUrl")
                    : aws.EndpointFor(AwsService.SageMakerRuntime);
                var options = new SageMakerTargetOptions(runtimeUrl, endpoint, aws.Region, spec.TargetVariant, spec.CustomAttributes, spec.Stream);
                var target = new SageMakerTarget(options, credentials, payloads, HttpConnections.CreateHandler(maxConnections, connectTimeout), time);
                return new BuiltTarget(target, new RunTarget("sagemaker", endpoint, spec.Variant, aws.Region, runtimeUrl.ToString()) { Stream = spec.Stream ? true : null })
                {
                    Aws = awsOptions with { Region = aws.Region, Credentials = credentials },
                };
            }
            default:
                throw new UserInputException(source, "target.kind", $"unknown target kind {spec.Kind}");
        }
    }
}
