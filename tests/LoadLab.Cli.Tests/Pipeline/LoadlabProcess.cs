using System.Diagnostics;
using Xunit.Abstractions;

namespace LoadLab.Cli.Tests.Pipeline;

/// <summary>
/// `loadlab` as a CI job starts it: its own process (the CLI built beside the tests), its own working directory, no
/// AWS settings from this machine, standard input closed; its exit code, stdout and stderr as the job sees them.
/// </summary>
internal static class LoadlabProcess
{
    public static Task<CliResult> RunAsync(string workingDirectory, ITestOutputHelper? log, params string[] args) =>
        RunAsync(workingDirectory, log, new Dictionary<string, string>(), args);

    /// <param name="environment">Variables set for the child only (e.g. AWS credentials that lead nowhere).</param>
    public static async Task<CliResult> RunAsync(string workingDirectory, ITestOutputHelper? log, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "loadlab.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal)).ToList()) start.Environment.Remove(name);
        start.Environment["CI"] = "true";
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"loadlab {string.Join(' ', args)} did not finish in 3 minutes");
        }
        var result = new CliResult(process.ExitCode, await stdout, await stderr);
        log?.WriteLine($"$ loadlab {string.Join(' ', args)} -> {result.Code}\n{result.Out}{result.Err}");
        return result;
    }
}
