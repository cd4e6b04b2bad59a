using LoadLab.Aws.ApplicationAutoScaling;
using LoadLab.Aws.CloudWatch;
using LoadLab.Aws.Config;
using LoadLab.Aws.Credentials;
using LoadLab.Aws.Http;
using LoadLab.Aws.SageMaker;
using LoadLab.Aws.SageMakerRuntime;
using LoadLab.Aws.Signing;

namespace LoadLab.Aws;

/// <summary>What the user said about AWS (command line) plus injectable parts for tests and the local stack.</summary>
public sealed record AwsContextOptions
{
    public string? Region { get; init; }
    public string? Profile { get; init; }
    /// <summary>--endpoint-url: overrides every service's URL.</summary>
    public string? EndpointUrl { get; init; }
    public AwsEnvironment Environment { get; init; } = AwsEnvironment.Process;
    /// <summary>Fixed credentials (the local moto stack); null = resolve through AWSSDK.Core on first use.</summary>
    public ICredentialSource? Credentials { get; init; }
    public AwsRetryOptions Retry { get; init; } = AwsRetryOptions.Standard;
    public TimeProvider Time { get; init; } = TimeProvider.System;
    public Random? Random { get; init; }
    /// <summary>Custom handler (tests); default: a pooled SocketsHttpHandler.</summary>
    public HttpMessageHandler? Handler { get; init; }
}

/// <summary>
/// The one entry point to AWS: resolves region, credentials and endpoints once (like the AWS CLI) and hands out
/// every client. Credentials are resolved lazily, so commands that never call AWS never need them.
/// </summary>
public sealed class AwsContext : IDisposable
{
    private readonly AwsContextOptions _options;
    private readonly Lazy<ICredentialSource> _credentials;
    private readonly HttpClient _http;

    public AwsContext(AwsContextOptions options)
    {
        _options = options;
        Region = AwsRegionResolver.Resolve(options.Region, options.Profile, options.Environment);
        _credentials = new Lazy<ICredentialSource>(
            () => options.Credentials ?? AwsCredentialResolver.Resolve(options.Profile, options.Environment, options.Time));
        _http = new HttpClient(options.Handler ?? DefaultHandler(), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        // Fail fast on a malformed endpoint URL (bad input) rather than at the first call.
        foreach (var s in AwsService.All) EndpointFor(s);
    }

    public static AwsContext Create(string? region = null, string? profile = null, string? endpointUrl = null) =>
        new(new AwsContextOptions { Region = region, Profile = profile, EndpointUrl = endpointUrl });

    /// <summary>A context for a local moto_server (every service at its URL, its IAM key).</summary>
    public static AwsContext ForLocal(Uri url, SigningCredentials credentials, string region = "us-east-1", AwsRetryOptions? retry = null) =>
        new(new AwsContextOptions
        {
            Region = region,
            EndpointUrl = url.ToString(),
            Credentials = new StaticCredentialSource(credentials),
            Environment = AwsEnvironment.From(new Dictionary<string, string>()),
            Retry = retry ?? AwsRetryOptions.Standard,
        });

    public string Region { get; }
    public ICredentialSource Credentials => _credentials.Value;
    public HttpClient HttpClient => _http;
    public TimeProvider Time => _options.Time;

    public Uri EndpointFor(AwsService service) =>
        AwsEndpointResolver.Resolve(service, Region, _options.EndpointUrl, _options.Environment);

    public SigV4Signer SignerFor(AwsService service) => new(service.SigningName, Region);

    /// <summary>An invoker (signing + retries) for one service; each has its own retry quota, like an SDK client.</summary>
    public AwsHttpInvoker InvokerFor(AwsService service, AwsRetryOptions? retry = null) =>
        new(_http, SignerFor(service), new LazyCredentialSource(_credentials), service.ServiceId,
            retry ?? _options.Retry, _options.Time, _options.Random);

    public ICloudWatchClient CloudWatch() => new CloudWatchClient(InvokerFor(AwsService.CloudWatch), EndpointFor(AwsService.CloudWatch));
    public ISageMakerClient SageMaker() => new SageMakerClient(InvokerFor(AwsService.SageMaker), EndpointFor(AwsService.SageMaker));
    public IApplicationAutoScalingClient ApplicationAutoScaling() =>
        new ApplicationAutoScalingClient(InvokerFor(AwsService.ApplicationAutoScaling), EndpointFor(AwsService.ApplicationAutoScaling));

    /// <summary>SageMaker Runtime; pass <see cref="AwsRetryOptions.NoRetries"/> for load generation.</summary>
    public ISageMakerRuntimeClient SageMakerRuntime(AwsRetryOptions? retry = null) =>
        new SageMakerRuntimeClient(InvokerFor(AwsService.SageMakerRuntime, retry), EndpointFor(AwsService.SageMakerRuntime));

    private static SocketsHttpHandler DefaultHandler() => new()
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        MaxConnectionsPerServer = int.MaxValue,
        AutomaticDecompression = System.Net.DecompressionMethods.None,
    };

    public void Dispose() => _http.Dispose();

    private sealed class LazyCredentialSource(Lazy<ICredentialSource> inner) : ICredentialSource
    {
        public ValueTask<SigningCredentials> GetAsync(CancellationToken cancellationToken = default) => inner.Value.GetAsync(cancellationToken);
    }
}
