using System.Diagnostics;
using LoadLab.TestSupport;
using Xunit.Abstractions;

namespace LoadLab.Cli.Tests;

/// <summary>A `loadlab` process (the CLI built beside the tests) talking to moto at <c>endpoint</c> (moto itself, or a
/// proxy in front of it) with moto's credentials and nothing else of the AWS environment.</summary>
internal sealed class LoadlabChild(Process process, string command, ITestOutputHelper log) : IDisposable
{
    private readonly Task<string> _stdout = process.StandardOutput.ReadToEndAsync();
    private readonly Task<string> _stderr = process.StandardError.ReadToEndAsync();

    public Process Process => process;

    public static LoadlabChild Start(MotoServer moto, Uri endpoint, string workingDirectory, ITestOutputHelper log, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "loadlab.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal)).ToList()) start.Environment.Remove(name);
        start.Environment["AWS_ENDPOINT_URL"] = endpoint.ToString().TrimEnd('/');
        start.Environment["AWS_ACCESS_KEY_ID"] = moto.AccessKeyId;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = moto.SecretAccessKey;
        start.Environment["AWS_REGION"] = moto.Region;
        start.Environment["AWS_CONFIG_FILE"] = Path.Combine(workingDirectory, "no-config");
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(workingDirectory, "no-credentials");
        return new LoadlabChild(Process.Start(start)!, $"loadlab {string.Join(' ', args)}", log);
    }

    /// <summary>A `loadlab` process that talks to nothing of AWS (every AWS_* variable removed): loopback targets only.</summary>
    public static LoadlabChild StartLocal(string workingDirectory, ITestOutputHelper log, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "loadlab.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal)).ToList()) start.Environment.Remove(name);
        start.Environment["AWS_CONFIG_FILE"] = Path.Combine(workingDirectory, "no-config");
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(workingDirectory, "no-credentials");
        return new LoadlabChild(Process.Start(start)!, $"loadlab {string.Join(' ', args)}", log);
    }

    /// <summary>
    /// A process started in the background by a shell without job control ignores SIGINT, and its children inherit
    /// that (the runtime keeps a signal ignored at start ignored, as a CLI should): such a test run cannot show
    /// anything about Ctrl-C, so it says why instead of failing on a timeout.
    /// </summary>
    public static void RequireSigintDelivered()
    {
        if (!File.Exists("/proc/self/status")) return;
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        if (line is null) return;
        var ignored = Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16);
        Assert.True((ignored & (1UL << (2 - 1))) == 0,
            "SIGINT is ignored by this test process (it was started in the background by a shell without job control), so the loadlab " +
            "child ignores it too; run the tests in the foreground (or under 'set -m') to test Ctrl-C");
    }

    public async Task<(int Code, string Out, string Err)> WaitAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{command} did not finish in 2 minutes");
        }
        var (o, e) = (await _stdout, await _stderr);
        log.WriteLine($"$ {command} -> {process.ExitCode}\n{o}{e}");
        return (process.ExitCode, o, e);
    }

    public void Dispose()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.Dispose();
    }
}
