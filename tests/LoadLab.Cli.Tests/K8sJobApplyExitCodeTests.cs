using System.Net;
using System.Net.Sockets;
using LoadLab.TestSupport;
using Xunit.Abstractions;

namespace LoadLab.Cli.Tests;

/// <summary>k8s-job's exit 3: --apply against a cluster that cannot be reached (the manifest itself is still written).</summary>
public sealed class K8sJobApplyExitCodeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task K8s_job_apply_exits_3_when_the_cluster_cannot_be_reached()
    {
        using var dir = new TempDir("loadlab-k8s-apply");
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now
        var kubeconfig = dir.Write("kubeconfig.yaml", $$"""
            apiVersion: v1
            kind: Config
            clusters: [ { name: c, cluster: { server: "http://127.0.0.1:{{port}}" } } ]
            contexts: [ { name: x, context: { cluster: c, user: u, namespace: load } } ]
            current-context: x
            users: [ { name: u, user: { token: t } } ]
            """);
        var scenario = dir.Write("s.yaml", Pipeline.CiPipelineRuns.ScenarioYaml("http://127.0.0.1:9/x"));
        var manifest = Path.Combine(dir.Path, "job.yaml");
        var r = await CliHarness.RunAsync(output, "k8s-job", scenario, "--shards", "2", "--image", "loadlab:test", "--apply",
            "--kubeconfig", kubeconfig, "--out", manifest, "--timeout", "10s");
        Assert.Equal(3, r.Code);
        Assert.Contains("could not be reached", r.Err);
        Assert.DoesNotContain("internal error", r.Err);
        Assert.True(File.Exists(manifest));
    }
}
