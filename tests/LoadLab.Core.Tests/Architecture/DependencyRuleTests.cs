using System.Xml.Linq;

namespace LoadLab.Core.Tests.Architecture;

/// <summary>
/// Dependencies point inward: each src project may reference only the projects and packages listed here (the same
/// table as its README and the README's architecture picture). A new reference fails this test until the table, and
/// so the picture, says why it is allowed.
/// </summary>
public class DependencyRuleTests
{
    private static readonly Dictionary<string, string[]> AllowedProjects = new()
    {
        ["LoadLab.Core"] = [],
        ["LoadLab.Aws"] = ["LoadLab.Core"],
        ["LoadLab.Engine"] = ["LoadLab.Core", "LoadLab.Aws"],
        // The recommender's simulated check reaches the simulator through Core's ISimulatedCheck, which the CLI fills.
        ["LoadLab.Analysis"] = ["LoadLab.Core"],
        ["LoadLab.Simulation"] = ["LoadLab.Core"],
        ["LoadLab.Reporting"] = ["LoadLab.Core"],
        ["LoadLab.Apply"] = ["LoadLab.Core", "LoadLab.Aws"],
        ["LoadLab.SimEndpoint"] = ["LoadLab.Core", "LoadLab.Aws", "LoadLab.Simulation"],
        ["LoadLab.Sharding"] = ["LoadLab.Core", "LoadLab.Engine"],
        ["LoadLab.Verify"] = ["LoadLab.Core", "LoadLab.Aws", "LoadLab.Engine", "LoadLab.Simulation"],
        ["LoadLab.Compare"] = ["LoadLab.Core", "LoadLab.Reporting"],
        // Live outputs implement the engine's progress port (IRunProgress, ProgressSnapshot, RunEvent).
        ["LoadLab.Telemetry"] = ["LoadLab.Core", "LoadLab.Engine"],
        // The choice across instance types reads run files only; it borrows the report's escaping and chart style.
        ["LoadLab.Choice"] = ["LoadLab.Core", "LoadLab.Reporting"],
    };

    /// <summary>Packages only the composition root may carry: the terminal belongs to the CLI.</summary>
    private static readonly string[] CliOnlyPackages = ["Spectre.Console", "System.CommandLine"];

    public static TheoryData<string> SourceProjects() => new(AllowedProjects.Keys);

    [Theory]
    [MemberData(nameof(SourceProjects))]
    public void A_project_references_only_what_its_layer_allows(string project)
    {
        var refs = References(project, "ProjectReference").Select(r => Path.GetFileNameWithoutExtension(r.Replace('\\', '/'))).ToList();
        var extra = refs.Except(AllowedProjects[project]).ToList();
        Assert.True(extra.Count == 0, $"{project} references {string.Join(", ", extra)}, which its layer does not allow");
    }

    [Theory]
    [MemberData(nameof(SourceProjects))]
    public void Only_the_cli_talks_to_the_terminal(string project)
    {
        var packages = References(project, "PackageReference");
        var banned = packages.Intersect(CliOnlyPackages).ToList();
        Assert.True(banned.Count == 0, $"{project} references {string.Join(", ", banned)}: progress and printing are ports the CLI implements");
    }

    [Fact]
    public void Every_src_project_is_in_the_table()
    {
        var onDisk = Directory.GetDirectories(Path.Combine(RepoRoot(), "src")).Select(Path.GetFileName).Where(n => n != "LoadLab.Cli").ToList();
        Assert.Empty(onDisk.Except(AllowedProjects.Keys));
    }

    private static List<string> References(string project, string element)
    {
        var csproj = Path.Combine(RepoRoot(), "src", project, project + ".csproj");
        return XDocument.Load(csproj).Descendants(element).Select(e => (string?)e.Attribute("Include") ?? "").ToList();
    }

    internal static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "LoadLab.sln"))) return dir.FullName;
        // Built outside the tree (LOADLAB_ARTIFACTS): the tests run from the artifacts folder, so ask the source path.
        return FindFromSource();
    }

    private static string FindFromSource([System.Runtime.CompilerServices.CallerFilePath] string path = "")
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(path)!); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "LoadLab.sln"))) return dir.FullName;
        throw new InvalidOperationException("LoadLab.sln not found above the test");
    }
}
