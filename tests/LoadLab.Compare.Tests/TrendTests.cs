using AngleSharp.Html.Parser;
using LoadLab.Compare.Trend;
using LoadLab.Core.Json;
using LoadLab.Core.RunFiles;
using Xunit.Abstractions;

namespace LoadLab.Compare.Tests;

/// <summary><c>loadlab trend</c> over a reports folder holding the real runs of the fixture.</summary>
[Collection(SimRunsCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class TrendTests(SimRuns runs, ITestOutputHelper output)
{
    private (int Code, string Out, string Err) Loadlab(params string[] args) => CliRun.Run(output, args);

    private string Reports(string name)
    {
        var root = Path.Combine(runs.Root, name);
        foreach (var run in new[] { runs.Baseline, runs.SameFleet, runs.HalfFleet })
        {
            var to = Path.Combine(root, Path.GetFileName(run));
            Directory.CreateDirectory(to);
            foreach (var f in Directory.GetFiles(run)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)), overwrite: true);
        }
        Directory.CreateDirectory(Path.Combine(root, "not-a-run"));
        Directory.CreateDirectory(Path.Combine(root, "broken"));
        File.WriteAllText(Path.Combine(root, "broken", "run.json"), "{ \"scenario_name\": ");
        return root;
    }

    [Fact]
    public void Plots_each_runs_sustainable_load_and_latency_at_target_from_its_own_files()
    {
        var root = Reports("reports-trend");
        var (code, stdout, _) = Loadlab("trend", root, "--scenario", SimRuns.Scenario);
        Assert.Equal(0, code);
        Assert.Contains("skipped", stdout);
        var t = LoadLabJson.Deserialize<TrendResult>(File.ReadAllText(Path.Combine(root, TrendExporters.JsonFile)));
        var s = Assert.Single(t.Scenarios);
        Assert.Equal(3, s.Runs.Count);
        Assert.Equal(s.Runs.OrderBy(r => r.StartUtc).Select(r => r.Directory), s.Runs.Select(r => r.Directory));
        Assert.Contains(t.Skipped, x => x.Contains("broken", StringComparison.Ordinal));
        foreach (var point in s.Runs)
        {
            var dir = Path.Combine(root, point.Directory);
            var analysis = LoadLabJson.Deserialize<AnalysisFile>(File.ReadAllText(Path.Combine(dir, "analysis.json")));
            var rec = LoadLabJson.Deserialize<RecommendationFile>(File.ReadAllText(Path.Combine(dir, "recommendation.json")));
            Assert.Equal(analysis.SustainableIpm, point.SustainablePerInstancePerMin);
            Assert.Equal(rec.Basis.TargetValue, point.TargetValuePerInstancePerMin);
            // No fitted curve (a run too short to fit), or a target past a queueing curve's capacity: no latency to show.
            var predicted = analysis.Curve?.PredictMs(rec.Basis.TargetValue);
            Assert.Equal(predicted is { } p && double.IsFinite(p) ? p : null, point.LatencyAtTargetMs);
            Assert.Equal(90, point.LatencyPercentile);
        }

        var html = File.ReadAllText(Path.Combine(root, TrendExporters.HtmlFile));
        var doc = new HtmlParser().ParseDocument(html);
        var images = doc.QuerySelectorAll("img").ToList();
        Assert.NotEmpty(images);
        Assert.All(images, i => Assert.StartsWith("data:image/png;base64,", i.GetAttribute("src")));
        Assert.Contains(images, i => i.Id!.EndsWith("-sustainable", StringComparison.Ordinal));
        Assert.Empty(doc.QuerySelectorAll("link, script[src]"));
        Assert.Contains("| 1 |", File.ReadAllText(Path.Combine(root, TrendExporters.MarkdownFile)));
    }

    [Fact]
    public void An_unknown_scenario_or_directory_is_bad_input_and_writes_nothing()
    {
        var root = Reports("reports-unknown");
        var (code, _, err) = Loadlab("trend", root, "--scenario", "nope");
        Assert.Equal(2, code);
        Assert.Contains($"{root}: --scenario: no run of scenario 'nope' here (found: {SimRuns.Scenario})", err);
        Assert.False(File.Exists(Path.Combine(root, TrendExporters.JsonFile)));

        (code, _, err) = Loadlab("trend", Path.Combine(root, "missing"));
        Assert.Equal(2, code);
        Assert.Contains("the reports directory does not exist", err);
    }
}
