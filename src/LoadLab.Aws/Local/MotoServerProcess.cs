using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using LoadLab.Aws.Credentials;
using LoadLab.Aws.Signing;
using LoadLab.Core.Errors;

namespace LoadLab.Aws.Local;

/// <summary>moto_server is missing, would not start, or refused its setup. Exits 3 through the CLI.</summary>
public sealed class MotoServerException(string message, Exception? inner = null) : TargetFailedException(message, inner);

/// <summary>Options for <see cref="MotoServerProcess"/>; defaults suit tests and the demo.</summary>
public sealed record MotoServerOptions
{
    /// <summary>Executable name or path. Default: "moto_server" found on PATH.</summary>
    public string Executable { get; init; } = "moto_server";
    /// <summary>Port to listen on; 0 = pick a free loopback port.</summary>
    public int Port { get; init; }
    public string Region { get; init; } = "us-east-1";
    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>The startup deadline, the polling delay and the bootstrap calls' signing time. Default the system clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}

/// <summary>
/// A moto_server child process in strict-auth mode: it starts with INITIAL_NO_AUTH_ACTION_COUNT=3, spends those
/// three unauthenticated calls on an IAM user, an allow-all policy and an access key, and from then on verifies
/// every SigV4 signature for real. <see cref="Dispose"/> kills the process tree by PID.
/// </summary>
public sealed class MotoServerProcess : IDisposable, IAsyncDisposable
{
    public const string InstallHint = "install with pip install 'moto[server]==5.2.1'";

    // $0 is moto_server, "$@" its arguments; fd 3 keeps our stdin (background jobs get /dev/null by default).
    // The watcher uses only the read builtin (one process), and sh waits for both children, so nothing is left
    // as a zombie whichever side ends first.
    private const string WatchdogScript =
        "exec 3<&0; \"$0\" \"$@\" </dev/null & child=$!; " +
        "(while read -r _ <&3; do :; done; kill $child 2>/dev/null) & watcher=$!; " +
        "wait $child; rc=$?; kill $watcher 2>/dev/null; wait $watcher 2>/dev/null; exit $rc";

    private readonly Process _process;
    private readonly StringBuilder _output;
    private int _disposed;

    private MotoServerProcess(Process process, StringBuilder output, Uri url, SigningCredentials credentials, string region)
    {
        _process = process;
        _output = output;
        Url = url;
        Credentials = credentials;
        Region = region;
    }

    /// <summary>Base URL, e.g. http://127.0.0.1:50123/ (every service answers there).</summary>
    public Uri Url { get; }
    public string Region { get; }
    public int ProcessId => _process.Id;
    /// <summary>The IAM user's key; moto verifies signatures made with it.</summary>
    public SigningCredentials Credentials { get; }
    public string AccessKeyId => Credentials.AccessKeyId;
    public string SecretAccessKey => Credentials.SecretAccessKey;
    public ICredentialSource CredentialSource => new StaticCredentialSource(Credentials);
    /// <summary>True once the process has ended (or this object was disposed, which kills it).</summary>
    public bool HasExited => Volatile.Read(ref _disposed) == 1 || _process.HasExited;

    public static async Task<MotoServerProcess> StartAsync(MotoServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new MotoServerOptions();
        var exe = FindExecutable(options.Executable)
                  ?? throw new MotoServerException($"'{options.Executable}' was not found on PATH: {InstallHint}");
        // A port picked by binding port 0 can be taken by someone else before moto binds it: try a few times.
        for (var attempt = 1; ; attempt++)
        {
            var port = options.Port != 0 ? options.Port : FreeLoopbackPort();
            try
            {
                return await StartOnceAsync(exe, port, options, cancellationToken).ConfigureAwait(false);
            }
            catch (MotoServerException) when (options.Port == 0 && attempt < 3)
            {
            }
        }
    }

    private static async Task<MotoServerProcess> StartOnceAsync(string exe, int port, MotoServerOptions options, CancellationToken ct)
    {
        var args = new[] { "-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        // On Unix moto runs under a tiny sh watchdog that holds our stdin pipe: if this process dies without
        // disposing (SIGKILL, a killed test host), the pipe closes and the watchdog kills moto, so no server is
        // left behind. Dispose still kills the whole tree by PID.
        var psi = OperatingSystem.IsWindows()
            ? new ProcessStartInfo(exe)
            : new ProcessStartInfo("/bin/sh");
        if (!OperatingSystem.IsWindows())
        {
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add(WatchdogScript);
        }
        psi.ArgumentList.Add(OperatingSystem.IsWindows() ? args[0] : exe);
        foreach (var a in OperatingSystem.IsWindows() ? args[1..] : args) psi.ArgumentList.Add(a);
        psi.UseShellExecute = false;
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.RedirectStandardInput = true;
        psi.CreateNoWindow = true;
        psi.Environment["INITIAL_NO_AUTH_ACTION_COUNT"] = MotoIamBootstrap.CallCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        psi.Environment["PYTHONUNBUFFERED"] = "1";

        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new MotoServerException($"could not start {exe}: {InstallHint}");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new MotoServerException($"could not start {exe} ({ex.Message}): {InstallHint}", ex);
        }

        var output = new StringBuilder();
        void Collect(object? _, DataReceivedEventArgs e)
        {
            if (e.Data is null) return;
            lock (output)
            {
                if (output.Length > 16_000) output.Remove(0, 8_000);
                output.AppendLine(e.Data);
            }
        }
        process.OutputDataReceived += Collect;
        process.ErrorDataReceived += Collect;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var url = new Uri($"http://127.0.0.1:{port}/");
        try
        {
            using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };
            await WaitUntilAnsweringAsync(http, url, process, output, options.StartupTimeout, options.Time, ct).ConfigureAwait(false);
            var creds = await MotoIamBootstrap.CreateUserAndKeyAsync(http, url, options.Region, options.Time, ct).ConfigureAwait(false);
            return new MotoServerProcess(process, output, url, creds, options.Region);
        }
        catch
        {
            Kill(process);
            process.Dispose();
            throw;
        }
    }

    private static async Task WaitUntilAnsweringAsync(HttpClient http, Uri url, Process process, StringBuilder output, TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        // GET on moto's reset-auth endpoint answers 400 without changing anything and without counting as an action.
        var probe = new Uri(url, "moto-api/reset-auth");
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (process.HasExited)
                throw new MotoServerException($"moto_server exited with code {process.ExitCode} before answering: {Tail(output)}");
            try
            {
                using var r = await http.GetAsync(probe, ct).ConfigureAwait(false);
                return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested) { }
            if (time.GetElapsedTime(started) > timeout)
                throw new MotoServerException($"moto_server did not answer on {url} within {timeout.TotalSeconds:0} s: {Tail(output)}");
            await Task.Delay(TimeSpan.FromMilliseconds(100), time, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Last lines moto printed (for error messages).</summary>
    public string OutputTail() => Tail(_output);

    private static string Tail(StringBuilder output)
    {
        lock (output)
        {
            var s = output.ToString().Trim();
            return s.Length == 0 ? "(no output)" : s.Length <= 1500 ? s : "..." + s[^1500..];
        }
    }

    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Full path of an executable on PATH (or the path itself if it has a directory part and exists).</summary>
    public static string? FindExecutable(string name)
    {
        if (name.Contains(Path.DirectorySeparatorChar) || name.Contains(Path.AltDirectorySeparatorChar))
            return File.Exists(name) ? Path.GetFullPath(name) : null;
        var exts = OperatingSystem.IsWindows() ? new[] { ".exe", ".cmd", ".bat", "" } : new[] { "" };
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            foreach (var ext in exts)
            {
                var candidate = Path.Combine(dir, name + ext);
                if (File.Exists(candidate)) return candidate;
            }
        return null;
    }

    private static void Kill(Process p)
    {
        // Closing our end of stdin makes the watchdog kill moto even if the tree walk below misses it.
        try { p.StandardInput.Close(); }
        catch (InvalidOperationException) { }
        catch (IOException) { }
        try
        {
            // Graceful first (the watchdog stops moto and reaps it), then the whole tree by PID.
            if (!p.HasExited && !p.WaitForExit(5000))
            {
                p.Kill(entireProcessTree: true);
                p.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException) { /* already gone */ }
        catch (System.ComponentModel.Win32Exception) { /* already gone or not ours */ }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        Kill(_process);
        _process.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
