using System.Reflection;
using System.Text.RegularExpressions;
using LoadLab.Reporting.Exporters;
using LoadLab.Reporting.Model;
using LoadLab.Reporting.Tests.Fixtures;

namespace LoadLab.Reporting.Tests;

/// <summary>
/// The HTML exporter keeps no state between renders (renders on several threads at once give the same bytes, code
/// block ids count from 1 in each), inlines its stylesheet and script from the asset files, and stays in small files.
/// </summary>
public sealed partial class HtmlExporterShapeTests
{
    [Fact]
    public async Task Concurrent_renders_give_the_same_bytes_and_number_code_blocks_from_one()
    {
        var model = ReportModelBuilder.Build(FixtureRun.Create());
        var reference = new HtmlExporter().Render(model);
        var renders = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => new HtmlExporter().Render(model))));
        Assert.All(renders, r => Assert.Equal(reference, r));

        var ids = CodeId().Matches(reference).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(ids.Count >= 5, $"the fixture's report should have its apply snippets and reproduce.sh as code blocks, found {ids.Count}");
        Assert.Equal(Enumerable.Range(1, ids.Count), ids);
    }

    [Fact]
    public void No_thread_static_field_in_reporting()
    {
        var fields = typeof(HtmlExporter).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(f => f.IsDefined(typeof(ThreadStaticAttribute)))
            .Select(f => $"{f.DeclaringType}.{f.Name}").ToList();
        Assert.Empty(fields);
    }

    [Fact]
    public void Stylesheet_and_script_are_the_asset_files_inlined()
    {
        var html = new HtmlExporter().Render(ReportModelBuilder.Build(FixtureRun.Create()));
        var assets = Path.Combine(TestPaths.RepoRoot, "src", "LoadLab.Reporting", "Exporters", "Assets");
        string Asset(string name) => File.ReadAllText(Path.Combine(assets, name)).Replace("\r\n", "\n").TrimEnd('\n');
        Assert.Contains("<style>" + Asset("report.css") + "</style>", html);
        Assert.Contains("<script>" + Asset("report.js") + "</script>", html);
    }

    [GeneratedRegex("<pre id=\"code-([0-9]+)\"")]
    private static partial Regex CodeId();
}
