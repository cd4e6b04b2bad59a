using LoadLab.SimEndpoint.Hosting;
using LoadLab.SimEndpoint.Options;

namespace LoadLab.SimEndpoint.Tests;

/// <summary>Starts a standalone sim endpoint on a free loopback port for one test.</summary>
internal static class SimHost
{
    public static Task<SimEndpointHandle> StartAsync(SimEndpointOptions options, SimEndpointServices? services = null) =>
        SimEndpointHost.StartAsync(options with { Port = 0 }, services ?? new SimEndpointServices { Log = TextWriter.Null, StandaloneReason = "test" });

    public static StringContent Json(string body = "{\"x\":1}") => new(body, System.Text.Encoding.UTF8, "application/json");

    public static string Header(HttpResponseMessage r, string name) =>
        r.Headers.TryGetValues(name, out var v) ? string.Join(",", v) : r.Content.Headers.TryGetValues(name, out var c) ? string.Join(",", c) : "";
}
