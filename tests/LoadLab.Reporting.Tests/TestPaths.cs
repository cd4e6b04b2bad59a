using System.Runtime.CompilerServices;

namespace LoadLab.Reporting.Tests;

/// <summary>Where this test project's sources live (golden files are read from and regenerated into the source tree).</summary>
public static class TestPaths
{
    public static string ProjectDir([CallerFilePath] string thisFile = "") => Path.GetDirectoryName(thisFile)!;
    public static string GoldenDir => Path.Combine(ProjectDir(), "Golden");
    public static string RepoRoot => Path.GetFullPath(Path.Combine(ProjectDir(), "..", ".."));
}
