using LoadLab.Reporting.Exporters;
using LoadLab.Reporting.Model;
using LoadLab.Reporting.Tests.Fixtures;

namespace LoadLab.Reporting.Tests;

/// <summary>
/// summary.md against golden files. Set LOADLAB_REGENERATE_GOLDEN=1 to rewrite them from the current output
/// (then review the diff before committing).
/// </summary>
public sealed class MarkdownGoldenTests
{
    [Fact]
    public void Full_run_matches_golden() => Check("full-run.md", FixtureRun.Create());

    [Fact]
    public void Failed_threshold_and_missing_files_match_golden()
    {
        var dir = FixtureRun.Create(new FixtureRun.Options { FailThreshold = true, ClosedLoop = ClosedLoopFixture.None });
        File.Delete(Path.Combine(dir, "simulation.json"));
        File.Delete(Path.Combine(dir, "metrics.json"));
        File.WriteAllText(Path.Combine(dir, "analysis.json"), "{ \"slo\": ");
        Check("failed-and-missing.md", dir);
    }

    [Fact]
    public void Rendering_is_deterministic()
    {
        var dir = FixtureRun.Create();
        var a = new MarkdownExporter().Render(ReportModelBuilder.Build(dir));
        var b = new MarkdownExporter().Render(ReportModelBuilder.Build(dir));
        Assert.Equal(a, b);
        var h1 = new HtmlExporter().Render(ReportModelBuilder.Build(dir));
        var h2 = new HtmlExporter().Render(ReportModelBuilder.Build(dir));
        Assert.Equal(h1, h2);
    }

    private static void Check(string goldenName, string dir)
    {
        var result = ReportService.Write(dir, ReportFormats.Markdown);
        Assert.Single(result.WrittenFiles);
        var actual = File.ReadAllText(Path.Combine(dir, "summary.md")).Replace(dir, "<run-dir>");
        var golden = Path.Combine(TestPaths.GoldenDir, goldenName);
        if (Environment.GetEnvironmentVariable("LOADLAB_REGENERATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(TestPaths.GoldenDir);
            File.WriteAllText(golden, actual);
            Console.WriteLine($"regenerated {golden}");
        }
        Assert.True(File.Exists(golden), $"golden file {golden} is missing; run with LOADLAB_REGENERATE_GOLDEN=1 to create it");
        var expected = File.ReadAllText(golden).Replace("\r\n", "\n");
        if (expected != actual)
        {
            var e = expected.Split('\n');
            var a = actual.Split('\n');
            int i = 0;
            while (i < Math.Min(e.Length, a.Length) && e[i] == a[i]) i++;
            Assert.Fail($"summary.md differs from {goldenName} at line {i + 1}:\n  expected: {(i < e.Length ? e[i] : "<end>")}\n  actual:   {(i < a.Length ? a[i] : "<end>")}\n(LOADLAB_REGENERATE_GOLDEN=1 rewrites the golden file)");
        }
        Directory.Delete(dir, true);
    }
}
