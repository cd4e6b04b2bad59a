using System.Xml.Linq;

namespace LoadLab.Cli.Tests;

/// <summary>
/// Every product project builds with the banned-API analyzer and the repository's lists: time and delays only through
/// an injected TimeProvider, and System.Console only in the CLI. (The build itself then fails on any banned use.)
/// </summary>
public sealed class BannedApiTests
{
    private static readonly string Root = ChildProcess.RepoRoot;

    [Fact]
    public void The_lists_ban_the_clock_shortcuts_everywhere_and_the_console_outside_the_cli()
    {
        var clock = File.ReadAllLines(Path.Combine(Root, "src", "BannedSymbols.txt")).Select(l => l.Split(';')[0]).ToHashSet();
        foreach (var symbol in new[]
                 {
                     "P:System.DateTime.Now", "P:System.DateTime.UtcNow", "P:System.DateTimeOffset.Now", "P:System.DateTimeOffset.UtcNow",
                     "M:System.Threading.Tasks.Task.Delay(System.TimeSpan)", "M:System.Threading.Tasks.Task.Delay(System.TimeSpan,System.Threading.CancellationToken)",
                     "M:System.Threading.Tasks.Task.Delay(System.Int32)", "M:System.Threading.Thread.Sleep(System.Int32)",
                     "M:System.Diagnostics.Stopwatch.GetTimestamp", "M:System.Diagnostics.Stopwatch.StartNew",
                     "M:System.Threading.PeriodicTimer.#ctor(System.TimeSpan)", "M:System.Threading.CancellationTokenSource.#ctor(System.TimeSpan)",
                     "M:System.Threading.CancellationTokenSource.CancelAfter(System.TimeSpan)",
                 })
            Assert.Contains(symbol, clock);
        Assert.Equal("T:System.Console", File.ReadAllLines(Path.Combine(Root, "src", "BannedSymbols.Console.txt")).Single().Split(';')[0]);

        var props = XDocument.Load(Path.Combine(Root, "Directory.Build.props"));
        var group = props.Descendants("ItemGroup").Single(g => g.Elements("PackageReference").Any(p => (string?)p.Attribute("Include") == "Microsoft.CodeAnalysis.BannedApiAnalyzers"));
        Assert.Contains("!$(MSBuildProjectName.EndsWith('.Tests'))", (string?)group.Attribute("Condition"));
        var console = group.Elements("AdditionalFiles").Single(f => ((string?)f.Attribute("Include"))!.EndsWith("BannedSymbols.Console.txt", StringComparison.Ordinal));
        Assert.Equal("'$(MSBuildProjectName)' != 'LoadLab.Cli'", (string?)console.Attribute("Condition"));

        // No product project opts out.
        foreach (var csproj in Directory.GetFiles(Path.Combine(Root, "src"), "*.csproj", SearchOption.AllDirectories))
            Assert.DoesNotContain("BannedApiAnalyzers", File.ReadAllText(csproj));
    }
}
