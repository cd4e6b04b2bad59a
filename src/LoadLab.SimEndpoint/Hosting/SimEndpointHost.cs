using System.Net;
using LoadLab.SimEndpoint.ControlPlane;
using LoadLab.SimEndpoint.Fleet;
using LoadLab.SimEndpoint.Metrics;
using LoadLab.SimEndpoint.Options;
using LoadLab.SimEndpoint.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LoadLab.SimEndpoint.Hosting;

/// <summary>
/// The hosting API: <c>await using var sim = await SimEndpointHost.StartAsync(options, services, ct);</c> then
/// <c>sim.Url</c>, <c>sim.Fleet.SetDesired(...)</c>, <c>await sim.StopAsync()</c>. Kestrel listens on 127.0.0.1 only.
/// </summary>
public static class SimEndpointHost
{
    public static async Task<SimEndpointHandle> StartAsync(SimEndpointOptions options, SimEndpointServices services, CancellationToken ct = default)
    {
        options.ThrowIfInvalid();
        var log = services.Log;
        if (options.Work == WorkKind.Cpu)
        {
            // Spinning workers block pool threads; give the pool one per worker up front instead of slow injection.
            ThreadPool.GetMinThreads(out var minWorker, out var minIo);
            // Sized for the largest fleet the options allow; the pool still creates threads only when they are needed.
            var want = options.Variants.Count * options.MaxInstances * options.Workers + 2 * Environment.ProcessorCount;
            if (want > minWorker) ThreadPool.SetMinThreads(Math.Min(want, 1024), minIo);
        }

        Registration? registration = null;
        string mode;
        if (services.ControlPlane is { } plane)
        {
            registration = await plane.RegisterAsync(options, ct).ConfigureAwait(false);
            mode = $"registered with {plane.Description} as {registration.EndpointArn} ({(registration.Created ? "created" : "found")})";
            // The control plane's counts win when the endpoint already existed with other ones.
            var adjusted = options with
            {
                Variants = options.Variants.Select(v =>
                {
                    var cv = registration.Variants.FirstOrDefault(x => x.VariantName == v.Name);
                    return cv?.DesiredInstanceCount is { } n && n >= 1 && n <= options.MaxInstances ? v with { Instances = n } : v;
                }).ToArray(),
                AccountId = registration.AccountId,
            };
            options = adjusted;
        }
        else mode = "standalone" + (services.StandaloneReason is { Length: > 0 } r ? $" ({r})" : "");

        var fleet = new SimFleet(options, services.Time, options.TimeScale);
        var pump = new MetricsPump(fleet, services.MetricSink, log);
        var handler = new InvocationHandler(fleet, services.SigV4Verifier, services.Region) { AccountId = options.AccountId };

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "LoadLab.SimEndpoint" });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = InvocationHandler.MaxPayloadBytes + 1L;
            k.Listen(IPAddress.Loopback, options.Port);
        });
        builder.Services.AddRoutingCore();
        // The CLI owns Ctrl-C/SIGTERM; the web host must not install its own console lifetime.
        builder.Services.AddSingleton<IHostLifetime, NoConsoleLifetime>();
        var app = builder.Build();
        SimEndpointHandle? handle = null;
        if (options.Model == SimModelKind.Llm)
            app.Use(new Llm.LlmInvocationHandler(fleet, options.Llm, services.SigV4Verifier) { AccountId = options.AccountId }.Middleware);
        app.Use(handler.Middleware);
        app.UseRouting();
        AdminApi.Map(app, () => handle, fleet, pump, () => handle?.Mode ?? "starting");
        Autoscaling.AutoscalingEmulator? autoscaler = null;
        Autoscaling.AutoscalingAdminApi.Map(app, () => autoscaler, fleet);

        try { await app.StartAsync(ct).ConfigureAwait(false); }
        catch (IOException ex)
        {
            fleet.Dispose();
            await app.DisposeAsync().ConfigureAwait(false);
            throw new Core.Errors.UserInputException("sim-endpoint", "--port", $"cannot listen on 127.0.0.1:{options.Port}: {ex.Message}");
        }
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var url = address.Replace("localhost", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');

        pump.Start();
        ControlPlaneWatcher? watcher = null;
        if (services.ControlPlane is not null && registration is not null)
        {
            watcher = new ControlPlaneWatcher(fleet, services.ControlPlane, registration, log);
            watcher.Start();
        }
        var owned = services.Owned;
        if (services.ScalingConfig is { } scalingConfig && (options.Autoscale ?? registration is not null))
        {
            // moto never scales; the sim runs the simulator's autoscaler on its own metrics instead.
            autoscaler = new Autoscaling.AutoscalingEmulator(fleet, pump, scalingConfig, log);
            autoscaler.Start();
            mode += "; autoscaling emulated (GET " + Autoscaling.AutoscalingAdminApi.Path + ")";
            owned = [autoscaler, .. owned];
        }
        handle = new SimEndpointHandle(app, url, fleet, pump, watcher, registration, mode, owned);
        return handle;
    }

    private sealed class NoConsoleLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
