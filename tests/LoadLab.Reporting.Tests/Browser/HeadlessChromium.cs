using System.Diagnostics;
using System.Text;

namespace LoadLab.Reporting.Tests.Browser;

/// <summary>
/// Runs Debian's Chromium headless on a local file: takes a screenshot and collects what the page wrote to the
/// console (Chromium's <c>--enable-logging=stderr</c> prints every console message as a "CONSOLE" line), so a
/// script error, a CSP violation (any attempt to load something external) or a console.error shows up.
/// The browser is installed by scripts/ensure-chromium.sh when missing.
/// </summary>
public static class HeadlessChromium
{
    public sealed record PageResult(int ExitCode, IReadOnlyList<string> ConsoleLines, string Stderr, bool ScreenshotWritten);

    /// <summary>The chromium executable, installing it first if needed; null (with the reason) when there is none.</summary>
    public static string? Find(out string reason)
    {
        reason = "";
        if (Which("chromium") is { } found) return found;
        var script = Path.Combine(TestPaths.RepoRoot, "scripts", "ensure-chromium.sh");
        if (!File.Exists(script)) { reason = $"{script} not found"; return null; }
        var (code, _, err) = Run("bash", [script], TimeSpan.FromMinutes(8));
        if (code != 0) { reason = $"scripts/ensure-chromium.sh exited {code}: {err.Trim()}"; return null; }
        var again = Which("chromium");
        if (again is null) reason = "chromium still not on PATH after scripts/ensure-chromium.sh";
        return again;
    }

    public static PageResult Load(string chromium, string htmlPath, string screenshotPath, int width = 1280, int height = 4000)
    {
        var profile = Directory.CreateTempSubdirectory("loadlab-chromium-");
        try
        {
            if (File.Exists(screenshotPath)) File.Delete(screenshotPath);
            string[] args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-extensions", "--hide-scrollbars", "--mute-audio",
                $"--user-data-dir={profile.FullName}", "--enable-logging=stderr", "--v=0",
                $"--screenshot={screenshotPath}", $"--window-size={width},{height}", "--virtual-time-budget=3000",
                new Uri(Path.GetFullPath(htmlPath)).AbsoluteUri,
            ];
            var (code, _, err) = Run(chromium, args, TimeSpan.FromSeconds(90));
            var console = err.Split('\n').Where(l => l.Contains("CONSOLE", StringComparison.Ordinal)).Select(l => l.Trim()).ToList();
            return new PageResult(code, console, err, File.Exists(screenshotPath) && new FileInfo(screenshotPath).Length > 0);
        }
        finally
        {
            try { profile.Delete(true); } catch (IOException) { /* chromium may still hold a lock file; temp dir */ }
        }
    }

    public sealed record DomResult(int ExitCode, string Stdout, string Stderr);

    /// <summary>Loads the page at <paramref name="width"/>×<paramref name="height"/>, lets its scripts run, and returns the DOM as it then is (--dump-dom).</summary>
    public static DomResult DumpDom(string chromium, string htmlPath, int width, int height)
    {
        var profile = Directory.CreateTempSubdirectory("loadlab-chromium-");
        try
        {
            string[] args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-extensions", "--hide-scrollbars", "--mute-audio",
                $"--user-data-dir={profile.FullName}", $"--window-size={width},{height}", "--virtual-time-budget=3000",
                "--dump-dom", new Uri(Path.GetFullPath(htmlPath)).AbsoluteUri,
            ];
            var (code, stdout, err) = Run(chromium, args, TimeSpan.FromSeconds(90));
            return new DomResult(code, stdout, err);
        }
        finally
        {
            try { profile.Delete(true); } catch (IOException) { /* chromium may still hold a lock file; temp dir */ }
        }
    }

    private static string? Which(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var p = Path.Combine(dir, name);
            if (File.Exists(p)) return p;
        }
        return null;
    }

    private static (int Code, string Stdout, string Stderr) Run(string file, IEnumerable<string> args, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.AppendLine(e.Data); };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        if (!p.WaitForExit(timeout))
        {
            // Our own child, by its id (and its process tree: chromium's renderers).
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
            return (-1, stdout.ToString(), stderr + $"\n(timed out after {timeout.TotalSeconds} s)");
        }
        p.WaitForExit();
        return (p.ExitCode, stdout.ToString(), stderr.ToString());
    }
}
