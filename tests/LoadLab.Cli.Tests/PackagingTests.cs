using LoadLab.TestSupport;
using Xunit.Abstractions;

namespace LoadLab.Cli.Tests;

/// <summary>
/// `loadlab` packs as a .NET tool and installs from the package: dotnet pack, then dotnet tool install
/// into a private tool path from a NuGet config that knows only the folder the package went to, so no other feed can
/// answer for the name LoadLab. The installed command must run.
/// </summary>
[Collection(ChildBuilds.Name)]
public sealed class PackagingTests(ITestOutputHelper output)
{
    [Fact]
    public void The_cli_packs_as_a_dotnet_tool_that_installs_and_runs()
    {
        using var dir = new TempDir("pack");
        var packages = dir.File("packages");
        var root = ChildProcess.RepoRoot;

        Run("dotnet", root, "pack", Path.Combine(root, "src", "LoadLab.Cli"), "-c", "Release", "-o", packages, "--nologo", "-v", "quiet");
        var package = Assert.Single(Directory.GetFiles(packages, "LoadLab.*.nupkg"));
        var version = Path.GetFileNameWithoutExtension(package)["LoadLab.".Length..];

        var config = dir.Write("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{packages}" />
              </packageSources>
            </configuration>
            """);
        var tools = dir.File("tools");
        Run("dotnet", dir.Path, "tool", "install", "LoadLab", "--tool-path", tools, "--version", version, "--configfile", config);

        var loadlab = Path.Combine(tools, OperatingSystem.IsWindows() ? "loadlab.exe" : "loadlab");
        var help = Run(loadlab, root, "--help");
        Assert.Contains("validate", help);
        Assert.Contains("sim-endpoint", help);
        var valid = Run(loadlab, root, "validate", Path.Combine("scenarios", "default.yaml"));
        Assert.Contains("default.yaml", valid);
    }

    private string Run(string file, string workingDirectory, params string[] args)
    {
        var (code, stdout, stderr) = ChildProcess.Run(output, workingDirectory, file, args);
        Assert.True(code == 0, $"{Path.GetFileName(file)} {string.Join(' ', args)} exited {code}: {stderr}");
        return stdout;
    }
}
