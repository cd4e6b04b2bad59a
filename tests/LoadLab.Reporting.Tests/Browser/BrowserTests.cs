using LoadLab.Reporting.Tests.Fixtures;
using Xunit.Abstractions;

namespace LoadLab.Reporting.Tests.Browser;

/// <summary>
/// The report in a real browser (headless Chromium): it loads with no console message at all (no script error,
/// no blocked external request) and renders to a screenshot saved next to it as report.png. Where Chromium is not
/// installed and cannot be, the test says so loudly and returns: a missing browser must not fail CI, but it must
/// not pass silently either.
/// </summary>
public sealed class BrowserTests(ITestOutputHelper output)
{
    private string? Chromium()
    {
        var path = HeadlessChromium.Find(out var reason);
        if (path is null)
        {
            var msg = $"SKIPPED (no browser): headless Chromium is not available and could not be installed: {reason}";
            output.WriteLine(msg);
            Console.Error.WriteLine("[LoadLab.Reporting.Tests] " + msg);
        }
        return path;
    }

    [Fact]
    public void Report_loads_in_chromium_without_console_errors_and_saves_a_screenshot()
    {
        if (Chromium() is not { } chromium) return;
        var dir = FixtureRun.Create();
        ReportService.Write(dir, ReportFormats.Html);
        var screenshot = Path.Combine(dir, "report.png");

        var result = HeadlessChromium.Load(chromium, Path.Combine(dir, "report.html"), screenshot);

        output.WriteLine($"chromium exit {result.ExitCode}; screenshot {screenshot}");
        Assert.True(result.ScreenshotWritten, "no screenshot written; chromium stderr:\n" + result.Stderr);
        Assert.True(result.ConsoleLines.Count == 0, "console output from the report:\n" + string.Join("\n", result.ConsoleLines));
        var png = File.ReadAllBytes(screenshot);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        Assert.True(png.Length > 100_000, $"a 1280x4000 screenshot of the report should not be {png.Length} bytes (blank page?)");

        var keep = Environment.GetEnvironmentVariable("LOADLAB_REPORT_SCREENSHOT");
        if (!string.IsNullOrEmpty(keep)) File.Copy(screenshot, keep, overwrite: true);
        else Directory.Delete(dir, true);
    }

    /// <summary>The detector itself: a page with a console error and an external load must be caught.</summary>
    [Fact]
    public void Console_errors_and_blocked_requests_are_detected()
    {
        if (Chromium() is not { } chromium) return;
        var dir = Directory.CreateTempSubdirectory("loadlab-browser-").FullName;
        var page = Path.Combine(dir, "bad.html");
        File.WriteAllText(page, """
            <!DOCTYPE html><html><head><meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'">
            <title>bad</title></head><body><img src="http://127.0.0.1:9/x.png" alt="x"><script>console.error("boom from page")</script></body></html>
            """);
        var result = HeadlessChromium.Load(chromium, page, Path.Combine(dir, "bad.png"), 400, 300);
        Assert.Contains(result.ConsoleLines, l => l.Contains("boom from page"));
        Assert.Contains(result.ConsoleLines, l => l.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
        Directory.Delete(dir, true);
    }
}
