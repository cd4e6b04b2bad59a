using LoadLab.Aws.Local;
using LoadLab.SimEndpoint.Hosting;

namespace LoadLab.Cli.Demo;

/// <summary>
/// The local AWS of the demo: moto_server (SageMaker control plane, CloudWatch, Application Auto Scaling) in
/// strict-auth mode, and the sim endpoint registered with it, publishing its metrics to it. The process
/// environment is pointed at them the standard way (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME and the
/// IAM key moto issued), so every stage resolves them exactly as it would resolve a real account. Disposing stops
/// both (moto by its process id) and restores the environment.
/// </summary>
public sealed class LocalStack : IAsyncDisposable
{
    private static readonly string[] Variables =
        ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION", "AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME"];

    private readonly Dictionary<string, string?> _saved;
    private readonly MotoServerProcess _moto;

    private LocalStack(MotoServerProcess moto, SimEndpointHandle sim, Dictionary<string, string?> saved)
    {
        _moto = moto;
        Sim = sim;
        _saved = saved;
    }

    public SimEndpointHandle Sim { get; private set; }
    public Uri MotoUrl => _moto.Url;
    public int MotoProcessId => _moto.ProcessId;

    public static async Task<LocalStack> StartAsync(DemoOptions options, TextWriter log, CancellationToken ct)
    {
        var moto = await MotoServerProcess.StartAsync(new MotoServerOptions { Region = options.Region }, ct);
        var saved = Variables.ToDictionary(v => v, Environment.GetEnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", moto.AccessKeyId);
            Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", moto.SecretAccessKey);
            Environment.SetEnvironmentVariable("AWS_SESSION_TOKEN", null);
            Environment.SetEnvironmentVariable("AWS_PROFILE", null);
            Environment.SetEnvironmentVariable("AWS_REGION", options.Region);
            Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL", moto.Url.ToString().TrimEnd('/'));
            log.WriteLine($"local AWS: moto_server at {moto.Url} (pid {moto.ProcessId}, signatures verified)");

            var sim = await StartSimAsync(options.SimOptions(), log, ct);
            return new LocalStack(moto, sim, saved);
        }
        catch
        {
            Restore(saved);
            await moto.DisposeAsync();
            throw;
        }
    }

    private static async Task<SimEndpointHandle> StartSimAsync(SimEndpoint.Options.SimEndpointOptions simOptions, TextWriter log, CancellationToken ct)
    {
        var services = await SimEndpointAwsWiring.ResolveAsync(simOptions, log, ct);
        var sim = await SimEndpointHost.StartAsync(simOptions, services, ct);
        Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME", sim.Url.TrimEnd('/'));
        log.WriteLine($"sim endpoint: {sim.InvocationsUrl} ({sim.Mode})");
        return sim;
    }

    /// <summary>Replaces the sim endpoint (same endpoint name, so moto and the applied policy still see it) with one of other options.</summary>
    public async Task RestartSimAsync(SimEndpoint.Options.SimEndpointOptions simOptions, TextWriter log, CancellationToken ct)
    {
        await Sim.StopAsync(ct);
        Sim = await StartSimAsync(simOptions, log, ct);
    }

    private static void Restore(Dictionary<string, string?> saved)
    {
        foreach (var (name, value) in saved) Environment.SetEnvironmentVariable(name, value);
    }

    public async ValueTask DisposeAsync()
    {
        try { await Sim.StopAsync(CancellationToken.None); }
        finally
        {
            Restore(_saved);
            await _moto.DisposeAsync();
        }
    }
}
