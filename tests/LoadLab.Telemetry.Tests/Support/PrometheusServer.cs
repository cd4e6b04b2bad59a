using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using LoadLab.TestSupport;

namespace LoadLab.Telemetry.Tests.Support;

/// <summary>
/// A real Prometheus server (Debian's, installed by scripts/ensure-prometheus.sh when missing) on a free loopback
/// port, with its own storage in a temp folder and one scrape job: the given target every second. Stopped by its
/// process id on Dispose.
/// </summary>
public sealed class PrometheusServer : IDisposable
{
    public static readonly TimeSpan ScrapeInterval = TimeSpan.FromSeconds(1);

    private readonly Process _process;
    private readonly TempDir _dir;
    private readonly HttpClient _http;

    private PrometheusServer(Process process, TempDir dir, int port)
    {
        _process = process;
        _dir = dir;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public string Log { get; private set; } = "";

    /// <summary>The prometheus executable, installing it first if needed; null (with the reason) when there is none.</summary>
    public static string? Find(out string reason)
    {
        reason = "";
        if (Which("prometheus") is { } found) return found;
        var script = Path.Combine(TestPaths.RepoRoot, "scripts", "ensure-prometheus.sh");
        using var p = Process.Start(new ProcessStartInfo("bash", [script]) { RedirectStandardError = true, UseShellExecute = false })!;
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) { reason = $"scripts/ensure-prometheus.sh exited {p.ExitCode}: {err.Trim()}"; return null; }
        var again = Which("prometheus");
        if (again is null) reason = "prometheus still not on PATH after scripts/ensure-prometheus.sh";
        return again;
    }

    public static async Task<PrometheusServer> StartAsync(string executable, int targetPort)
    {
        var dir = new TempDir("loadlab-prometheus");
        var config = dir.Write("prometheus.yml", $"""
            global: {"{"} scrape_interval: 1s, evaluation_interval: 1s {"}"}
            scrape_configs:
              - job_name: loadlab
                scrape_interval: 1s
                scrape_timeout: 900ms
                static_configs:
                  - targets: ['127.0.0.1:{targetPort}']
            """);
        var port = FreePort.Next();
        var psi = new ProcessStartInfo(executable,
            [$"--config.file={config}", $"--storage.tsdb.path={dir.File("data")}", $"--web.listen-address=127.0.0.1:{port}", "--log.level=warn"])
        { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var process = Process.Start(psi)!;
        var server = new PrometheusServer(process, dir, port);
        var log = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) { log.AppendLine(e.Data); server.Log = log.ToString(); } };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        for (var i = 0; ; i++)
        {
            if (process.HasExited) throw new InvalidOperationException($"prometheus exited {process.ExitCode}: {server.Log}");
            try { if ((await server._http.GetAsync("-/ready")).IsSuccessStatusCode) return server; }
            catch (HttpRequestException) when (i < 300) { }
            await Task.Delay(100);
        }
    }

    /// <summary>An instant PromQL query's single value, or null when it returned no series.</summary>
    public async Task<double?> QueryScalar(string promql)
    {
        var json = await _http.GetStringAsync("api/v1/query?query=" + Uri.EscapeDataString(promql));
        using var doc = JsonDocument.Parse(json);
        var result = doc.RootElement.GetProperty("data").GetProperty("result");
        if (result.GetArrayLength() == 0) return null;
        return double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
    }

    /// <summary>The scrape target's health as Prometheus saw it last ("up", "down", "unknown").</summary>
    public async Task<string> TargetHealth()
    {
        using var doc = JsonDocument.Parse(await _http.GetStringAsync("api/v1/targets"));
        var active = doc.RootElement.GetProperty("data").GetProperty("activeTargets");
        return active.GetArrayLength() == 0 ? "none" : active[0].GetProperty("health").GetString() ?? "";
    }

    private static string? Which(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
        .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    public void Dispose()
    {
        try { if (!_process.HasExited) { _process.Kill(); _process.WaitForExit(10_000); } } catch (InvalidOperationException) { }
        _process.Dispose();
        _http.Dispose();
        _dir.Dispose();
    }
}
