using System.Globalization;
using LoadLab.Telemetry.Tests.Support;
using LoadLab.TestSupport;
using Xunit.Abstractions;

namespace LoadLab.Telemetry.Tests;

/// <summary>
/// The live dashboard in a real headless Chromium (through chromedriver): it loads with no console message, its
/// numbers change while the run goes on, it shows the run's end with the run's own total and the report link, and it
/// is still intact after the process's server has stopped. Where Chromium cannot be installed, the test says so
/// loudly and returns.
/// </summary>
[Collection(LiveRunCollection.Name)]
public sealed class DashboardBrowserTests(SimTarget sim, ITestOutputHelper output) : IClassFixture<SimTarget>
{
    [Fact]
    public async Task Dashboard_updates_live_in_chromium_and_survives_the_end_of_the_run()
    {
        if (ChromeDriverSession.FindDriver(out var reason) is not { } driverPath)
        {
            var msg = $"SKIPPED (no browser): headless Chromium with chromedriver is not available and could not be installed: {reason}";
            output.WriteLine(msg);
            Console.Error.WriteLine("[LoadLab.Telemetry.Tests] " + msg);
            return;
        }
        using var browser = await ChromeDriverSession.StartAsync(driverPath);
        using var tmp = new TempDir("loadlab-dashboard");
        var scenario = sim.Scenario(tmp.Path, seconds: 4);
        var runDir = tmp.File("run");
        var port = FreePort.Next();
        var url = new Uri($"http://127.0.0.1:{port}/");
        var run = SimTarget.RunAsync(output, "run", scenario, "--out", runDir, $"--dashboard=:{port}", "--stages", "load");

        await WaitForServer(url);
        await browser.Navigate(url);
        var first = await WaitFor(browser, "return document.getElementById('total_completed').textContent", t => t is not null && t != "-");
        await Task.Delay(1500);
        var second = await browser.Eval("return document.getElementById('total_completed').textContent");
        Assert.False(run.IsCompleted, "the run ended before the dashboard could be watched; the test needs a longer run");
        output.WriteLine($"total_completed on the page: {first}, then {second}");
        Assert.NotEqual(first, second);
        Assert.True(long.Parse(second!, CultureInfo.InvariantCulture) > long.Parse(first!, CultureInfo.InvariantCulture));
        Assert.Equal("running", await browser.Eval("return document.getElementById('status').textContent"));

        var result = await run;
        Assert.Equal(0, result.Code);
        await WaitFor(browser, "return document.getElementById('status').textContent", t => t == "run ended");
        // The server is gone with the run's session; the page must still read well a moment later.
        await Task.Delay(1500);
        Assert.Equal("run ended", await browser.Eval("return document.getElementById('status').textContent"));
        Assert.Equal("false", await browser.Eval("return document.getElementById('report-link').hidden"));
        Assert.Equal(SimTarget.CompletedInRunJson(runDir).ToString(CultureInfo.InvariantCulture),
            await browser.Eval("return document.getElementById('total_completed').textContent"));
        Assert.Equal("live", await browser.Eval("return document.getElementById('scenario').textContent"));

        var console = await browser.ConsoleLog();
        foreach (var (level, message) in console) output.WriteLine($"console {level}: {message}");
        Assert.Empty(console);
    }

    /// <summary>The detector itself: a console error in a page shows in the log the test above reads.</summary>
    [Fact]
    public async Task Console_errors_are_detected()
    {
        if (ChromeDriverSession.FindDriver(out _) is not { } driverPath) return;
        using var browser = await ChromeDriverSession.StartAsync(driverPath);
        await browser.Navigate(new Uri("data:text/html,<title>bad</title><script>console.error('boom from page')</script>"));
        var log = await browser.ConsoleLog();
        Assert.Contains(log, e => e.Message.Contains("boom from page", StringComparison.Ordinal));
    }

    private static async Task WaitForServer(Uri url)
    {
        using var http = new HttpClient();
        for (var i = 0; ; i++)
        {
            try { if ((await http.GetAsync(url)).IsSuccessStatusCode) return; }
            catch (HttpRequestException) when (i < 300) { }
            await Task.Delay(50);
        }
    }

    private static async Task<string?> WaitFor(ChromeDriverSession browser, string script, Func<string?, bool> done)
    {
        string? value = null;
        for (var i = 0; i < 150; i++)
        {
            value = await browser.Eval(script);
            if (done(value)) return value;
            await Task.Delay(100);
        }
        throw new TimeoutException($"'{script}' gave '{value}' for 15 s");
    }
}
