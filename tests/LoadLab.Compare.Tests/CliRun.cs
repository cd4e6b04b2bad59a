using Xunit.Abstractions;

namespace LoadLab.Compare.Tests;

/// <summary>Runs the loadlab command in-process as a pipeline would, logging what it printed.</summary>
internal static class CliRun
{
    public static async Task<(int Code, string Out, string Err)> RunAsync(ITestOutputHelper output, params string[] args)
    {
        var (o, e) = (new StringWriter(), new StringWriter());
        var code = await Cli.LoadLabApp.RunAsync(args, o, e);
        output.WriteLine($"loadlab {string.Join(' ', args)} -> {code}\n{o}\n{e}");
        return (code, o.ToString(), e.ToString());
    }

    public static (int Code, string Out, string Err) Run(ITestOutputHelper output, params string[] args) =>
        RunAsync(output, args).GetAwaiter().GetResult();
}
