using System.Net;
using System.Net.Sockets;
using LoadLab.Telemetry.Tests.Support;
using LoadLab.TestSupport;
using Xunit.Abstractions;

namespace LoadLab.Telemetry.Tests;

/// <summary>Bad live-output flags exit 2 before any load, naming the flag as typed.</summary>
public sealed class RunFlagTests(ITestOutputHelper output)
{
    private static string Scenario(TempDir tmp) => tmp.Write("s.yaml", """
        name: flags
        target: { kind: http, url: "http://127.0.0.1:9/never", method: POST }
        payload: { contentType: application/json, inline: '{}' }
        load: { phases: [ { shape: constant, rate: 1, duration: 1s } ] }
        """);

    [Fact]
    public async Task A_malformed_output_exits_2_naming_it()
    {
        using var tmp = new TempDir("loadlab-flags");
        var result = await SimTarget.RunAsync(output, "run", Scenario(tmp), "--out", tmp.File("run"), "--out", "prometheus=nope", "--stages", "load");
        Assert.Equal(2, result.Code);
        Assert.Contains("prometheus=nope", result.Err, StringComparison.Ordinal);
        Assert.Contains("--out", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(tmp.File("run/run.json")), "no load may start on bad input");
    }

    [Fact]
    public async Task A_dashboard_flag_given_a_non_port_says_where_the_flag_goes()
    {
        using var tmp = new TempDir("loadlab-flags");
        var result = await SimTarget.RunAsync(output, "run", "--dashboard", Scenario(tmp), tmp.File("s.yaml"));
        Assert.Equal(2, result.Code);
        Assert.Contains("expected :PORT", result.Err, StringComparison.Ordinal);
        Assert.Contains("after the scenario", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dashboard_port_in_use_exits_2_naming_the_flag()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        using var tmp = new TempDir("loadlab-flags");
        var result = await SimTarget.RunAsync(output, "run", Scenario(tmp), "--out", tmp.File("run"), $"--dashboard=:{port}", "--stages", "load");
        Assert.Equal(2, result.Code);
        Assert.Contains("--dashboard", result.Err, StringComparison.Ordinal);
        Assert.Contains(port.ToString(System.Globalization.CultureInfo.InvariantCulture), result.Err, StringComparison.Ordinal);
    }
}
