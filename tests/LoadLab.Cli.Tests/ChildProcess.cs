using System.Diagnostics;
using System.Reflection;
using Xunit.Abstractions;

namespace LoadLab.Cli.Tests;

/// <summary>Runs a program the way a user would type it, with its output in the test log; at most five minutes.</summary>
internal static class ChildProcess
{
    /// <summary>The repository's root, recorded at build time (LoadLab.Cli.Tests.csproj).</summary>
    public static string RepoRoot { get; } =
        typeof(ChildProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    public static (int Code, string Out, string Err) Run(ITestOutputHelper output, string workingDirectory, string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in 5 minutes");
        }
        output.WriteLine($"$ {file} {string.Join(' ', args)}\n{stdout.Result}{stderr.Result}");
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
