using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using LoadLab.TestSupport;

namespace LoadLab.Telemetry.Tests.Support;

/// <summary>
/// Headless Debian Chromium driven through chromedriver's W3C WebDriver HTTP API (plain HttpClient, no client
/// library): open a page, run a script in it, read the browser's console log. Both come from scripts/ensure-chromium.sh,
/// which this runs when either is missing.
/// </summary>
public sealed class ChromeDriverSession : IDisposable
{
    private readonly Process _driver;
    private readonly HttpClient _http;
    private readonly string _session;

    private ChromeDriverSession(Process driver, HttpClient http, string session)
    {
        _driver = driver;
        _http = http;
        _session = session;
    }

    /// <summary>Null (with the reason) when Chromium or chromedriver is not installed and cannot be.</summary>
    public static string? FindDriver(out string reason)
    {
        reason = "";
        if (Which("chromedriver") is { } d && Which("chromium") is not null) return d;
        var script = Path.Combine(TestPaths.RepoRoot, "scripts", "ensure-chromium.sh");
        using var p = Process.Start(new ProcessStartInfo("bash", [script]) { RedirectStandardError = true, UseShellExecute = false })!;
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) { reason = $"scripts/ensure-chromium.sh exited {p.ExitCode}: {err.Trim()}"; return null; }
        var again = Which("chromedriver");
        if (again is null || Which("chromium") is null) reason = "chromium or chromedriver still not on PATH after scripts/ensure-chromium.sh";
        return again;
    }

    public static async Task<ChromeDriverSession> StartAsync(string driverPath)
    {
        var port = FreePort.Next();
        var driver = Process.Start(new ProcessStartInfo(driverPath, [$"--port={port}"])
        { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
        driver.OutputDataReceived += (_, _) => { };
        driver.ErrorDataReceived += (_, _) => { };
        driver.BeginOutputReadLine();
        driver.BeginErrorReadLine();
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(60) };
        try
        {
            for (var i = 0; ; i++)
            {
                try { if ((await http.GetAsync("status")).IsSuccessStatusCode) break; }
                catch (HttpRequestException) when (i < 100) { }
                await Task.Delay(100);
            }
            var profile = Directory.CreateTempSubdirectory("loadlab-chromedriver-").FullName;
            var caps = new JsonObject
            {
                ["capabilities"] = new JsonObject
                {
                    ["alwaysMatch"] = new JsonObject
                    {
                        ["browserName"] = "chrome",
                        ["goog:chromeOptions"] = new JsonObject
                        {
                            ["binary"] = Which("chromium"),
                            ["args"] = new JsonArray("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
                                $"--user-data-dir={profile}", "--window-size=1280,1600"),
                        },
                        ["goog:loggingPrefs"] = new JsonObject { ["browser"] = "ALL" },
                    },
                },
            };
            var created = await Send(http, HttpMethod.Post, "session", caps);
            return new ChromeDriverSession(driver, http, created?["sessionId"]?.GetValue<string>() ?? throw new InvalidOperationException("chromedriver gave no session id"));
        }
        catch
        {
            driver.Kill(entireProcessTree: true);
            http.Dispose();
            throw;
        }
    }

    public Task Navigate(Uri url) => Send(_http, HttpMethod.Post, $"session/{_session}/url", new JsonObject { ["url"] = url.ToString() });

    /// <summary>Runs <paramref name="script"/> (a function body) in the page and returns its value as text.</summary>
    public async Task<string?> Eval(string script)
    {
        var value = await Send(_http, HttpMethod.Post, $"session/{_session}/execute/sync", new JsonObject { ["script"] = script, ["args"] = new JsonArray() });
        return value?.ToString();
    }

    /// <summary>Every console message and page error since the last call (chromedriver's browser log).</summary>
    public async Task<List<(string Level, string Message)>> ConsoleLog()
    {
        var value = await Send(_http, HttpMethod.Post, $"session/{_session}/se/log", new JsonObject { ["type"] = "browser" });
        return value is JsonArray entries
            ? entries.Select(e => (e!["level"]!.GetValue<string>(), e["message"]!.GetValue<string>())).ToList()
            : [];
    }

    private static async Task<JsonNode?> Send(HttpClient http, HttpMethod method, string path, JsonObject? body)
    {
        // A StringContent (with a length): chromedriver resets chunked request bodies.
        using var request = new HttpRequestMessage(method, path)
        { Content = body is null ? null : new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json") };
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"chromedriver {method} {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)?["value"];
    }

    private static string? Which(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
        .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    public void Dispose()
    {
        try { Send(_http, HttpMethod.Delete, $"session/{_session}", null).Wait(TimeSpan.FromSeconds(10)); }
        catch (Exception e) when (e is AggregateException or InvalidOperationException or HttpRequestException) { }
        // Our own chromedriver, by its process id (and its tree: the browser it started).
        try { _driver.Kill(entireProcessTree: true); _driver.WaitForExit(5000); } catch (InvalidOperationException) { }
        _driver.Dispose();
        _http.Dispose();
    }
}
