using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using LoadLab.Reporting.Exporters;
using LoadLab.Reporting.Tests.Fixtures;

namespace LoadLab.Reporting.Tests;

public sealed class HtmlReportTests
{
    private static readonly HtmlParser Parser = new(new HtmlParserOptions { IsStrictMode = false });

    private static (string Html, AngleSharp.Html.Dom.IHtmlDocument Doc) Render(string dir)
    {
        var result = ReportService.Write(dir, ReportFormats.Html);
        var html = File.ReadAllText(Assert.Single(result.WrittenFiles));
        return (html, Parser.ParseDocument(html));
    }

    [Fact]
    public void Report_is_well_formed_with_every_section_in_order()
    {
        var dir = FixtureRun.Create();
        var (html, doc) = Render(dir);

        // Strict mode throws on any HTML5 parse error (unclosed or misnested tags, bad attributes).
        var strict = new HtmlParser(new HtmlParserOptions { IsStrictMode = true });
        strict.ParseDocument(html);

        var sections = doc.QuerySelectorAll("main > section").Select(s => s.Id).ToList();
        Assert.Equal(HtmlExporter.Sections.Select(s => s.Id), sections);
        foreach (var (id, title) in HtmlExporter.Sections)
        {
            var h2 = doc.QuerySelector($"#{id} > h2");
            Assert.NotNull(h2);
            Assert.Equal(title, h2!.TextContent);
        }
        Assert.Equal("en", doc.DocumentElement.GetAttribute("lang"));
        Assert.Single(doc.QuerySelectorAll("h1"));
        Assert.Empty(doc.QuerySelectorAll(".missing"));

        // Verdict: the policy and the thresholds are there in words, not only colour.
        var verdict = doc.QuerySelector("#verdict .verdict")!;
        Assert.Contains("pass", verdict.ClassList);
        Assert.Contains("1,640", verdict.TextContent);
        Assert.Contains("60 s / 600 s", verdict.TextContent);
        Assert.Contains("1 – 12", verdict.TextContent);
        Assert.Contains("$2.07 / h", verdict.TextContent);
        Assert.Contains("passed:", verdict.TextContent);

        // Tables use header cells with scope.
        foreach (var th in doc.QuerySelectorAll("th"))
            Assert.Contains(th.GetAttribute("scope"), new[] { "col", "row" });
        Assert.NotEmpty(doc.QuerySelectorAll("#tables table"));

        // How to apply: the requests and the three ways to send them.
        var apply = doc.QuerySelector("#apply")!.TextContent;
        foreach (var s in new[] { "aws application-autoscaling register-scalable-target", "aws application-autoscaling put-scaling-policy",
                     "aws application-autoscaling put-scheduled-action", "aws cloudwatch put-metric-alarm", "--cli-input-json",
                     "AWS::ApplicationAutoScaling::ScalableTarget", "AWS::ApplicationAutoScaling::ScalingPolicy",
                     "aws_appautoscaling_target", "aws_appautoscaling_policy", "aws_appautoscaling_scheduled_action", "\"TargetValue\": 1640" })
            Assert.Contains(s, apply);
        Assert.Contains("loadlab run 'scenarios/step-ladder.yaml' --seed 42", doc.QuerySelector("#run-facts")!.TextContent);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void Charts_are_embedded_png_images_with_alt_text()
    {
        var dir = FixtureRun.Create();
        var (_, doc) = Render(dir);
        var images = doc.QuerySelectorAll("img").ToList();
        var expected = new[] { "chart-latency-ipi", "chart-rate", "chart-latency-time", "chart-errors", "chart-instances", "chart-cpu", "chart-distribution", "chart-backtest", "chart-pareto", "chart-verify-latency", "chart-verify-instances" };
        Assert.Equal(expected, images.Select(i => i.ParentElement!.Id));
        foreach (var img in images)
        {
            var src = img.GetAttribute("src")!;
            Assert.StartsWith("data:image/png;base64,", src);
            var png = Convert.FromBase64String(src["data:image/png;base64,".Length..]);
            Assert.True(png.Length > 5000, $"{img.ParentElement!.Id}: {png.Length} bytes is too small to be a chart");
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
            Assert.False(string.IsNullOrWhiteSpace(img.GetAttribute("alt")));
            Assert.True(img.GetAttribute("alt")!.Length > 40, "alt text should describe the chart");
            Assert.NotNull(img.ParentElement!.QuerySelector("figcaption"));
        }
        Directory.Delete(dir, true);
    }

    [Fact]
    public void Report_makes_no_external_request()
    {
        var dir = FixtureRun.Create();
        var (html, doc) = Render(dir);
        foreach (var el in doc.QuerySelectorAll("[src],[href],[srcset],[action],[poster],[data]"))
            foreach (var attr in new[] { "src", "href", "srcset", "action", "poster", "data" })
                if (el.GetAttribute(attr) is { } v)
                    Assert.True(v.StartsWith('#') || v.StartsWith("data:", StringComparison.Ordinal), $"<{el.LocalName} {attr}=\"{v[..Math.Min(60, v.Length)]}\"> points outside the file");
        Assert.Empty(doc.QuerySelectorAll("link, iframe, object, embed, script[src], base, video, audio, source"));
        foreach (var style in doc.QuerySelectorAll("style").Select(s => s.TextContent).Concat(doc.QuerySelectorAll("[style]").Select(e => e.GetAttribute("style")!)))
        {
            Assert.DoesNotContain("@import", style);
            Assert.DoesNotMatch(new Regex(@"url\s*\(", RegexOptions.IgnoreCase), style);
        }
        // On the raw text too: the only http(s) URLs allowed are inside copyable code (none are expected here).
        var outsideCode = Regex.Replace(html, "<pre[^>]*>.*?</pre>", "", RegexOptions.Singleline);
        Assert.DoesNotMatch(new Regex(@"(src|href)\s*=\s*[""']?\s*(https?:)?//", RegexOptions.IgnoreCase), outsideCode);
        Assert.DoesNotMatch(new Regex(@"url\(\s*['""]?\s*(https?:)?//", RegexOptions.IgnoreCase), html);
        Assert.DoesNotMatch(new Regex(@"https?://", RegexOptions.IgnoreCase), outsideCode);
        // And the page forbids itself from loading anything that is not inline.
        Assert.Contains("default-src 'none'", doc.QuerySelector("meta[http-equiv='Content-Security-Policy']")!.GetAttribute("content"));
        Directory.Delete(dir, true);
    }

    [Fact]
    public void Hostile_strings_are_escaped_everywhere()
    {
        const string hostile = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>";
        var dir = FixtureRun.Create(new FixtureRun.Options
        {
            ScenarioName = hostile, Endpoint = "ep\"><svg onload=alert(3)>", ExtraWarnings = ["<b>bold</b> & <iframe src=//evil.example>"],
        });
        var result = ReportService.Write(dir);
        var html = File.ReadAllText(Path.Combine(dir, "report.html"));
        var doc = Parser.ParseDocument(html);

        Assert.Single(doc.QuerySelectorAll("script")); // ours, the copy buttons
        Assert.DoesNotContain("alert(1)", doc.QuerySelector("script")!.TextContent);
        Assert.Empty(doc.QuerySelectorAll("img:not([src^='data:'])"));
        Assert.Empty(doc.QuerySelectorAll("svg, iframe, b"));
        Assert.Empty(doc.QuerySelectorAll("[onerror], [onload]"));
        Assert.Equal(hostile, doc.QuerySelector("h1")!.TextContent);
        Assert.Equal("LoadLab report: " + hostile, doc.Title);
        Assert.Contains("<b>bold</b> & <iframe src=//evil.example>", doc.QuerySelector("#verdict")!.TextContent);
        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<svg onload", html);

        var md = File.ReadAllText(Path.Combine(dir, "summary.md"));
        Assert.DoesNotContain("<script>", md);
        Assert.DoesNotContain("<iframe", md);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", md);

        var verdict = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "verdict.json")));
        Assert.Equal(hostile, verdict.RootElement.GetProperty("scenario").GetString());
        Assert.Equal(3, result.WrittenFiles.Count);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void Missing_and_corrupt_files_are_named_and_the_rest_renders()
    {
        var dir = FixtureRun.Create();
        File.Delete(Path.Combine(dir, "simulation.json"));
        File.Delete(Path.Combine(dir, "latency.hlog"));
        File.WriteAllText(Path.Combine(dir, "recommendation.json"), "{ not json");
        File.WriteAllText(Path.Combine(dir, "steps.csv"), "step,start_utc,end_utc,offered_rps\n0,2026-11-27T10:00:30Z,2026-11-27T10:03:00Z,ten\n");
        var (html, doc) = Render(dir);

        Assert.Equal(HtmlExporter.Sections.Select(s => s.Id), doc.QuerySelectorAll("main > section").Select(s => s.Id));
        string Missing(string id) => string.Join(" ", doc.QuerySelectorAll($"#{id} .missing").Select(e => e.TextContent));
        Assert.Contains("simulation.json is missing", Missing("backtest"));
        Assert.Contains("latency.hlog is missing", Missing("tables"));
        Assert.Contains("recommendation.json could not be read", Missing("apply"));
        Assert.Contains("recommendation.json could not be read", Missing("verdict"));
        Assert.Contains("steps.csv could not be read", Missing("tables"));
        Assert.Contains("steps.csv:2:45: offered_rps: 'ten' is not a valid number", Missing("tables"));
        // What could be read still renders: the curve from analysis.json points, the timeline, the run facts.
        Assert.NotNull(doc.QuerySelector("#chart-latency-ipi img"));
        Assert.NotNull(doc.QuerySelector("#chart-rate img"));
        Assert.Contains("step-ladder", doc.QuerySelector("#run-facts")!.TextContent);
        Assert.DoesNotContain(dir + "/", Missing("tables")); // messages name the file, not the machine's path
        Directory.Delete(dir, true);
    }

    [Fact]
    public void Empty_run_directory_still_gives_a_report_that_says_what_is_missing()
    {
        var dir = Path.Combine(Path.GetTempPath(), "loadlab-empty-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        var (_, doc) = Render(dir);
        Assert.Equal(HtmlExporter.Sections.Count, doc.QuerySelectorAll("main > section").Length);
        // The closed-loop check is optional and the reading guide needs no file.
        foreach (var (id, _) in HtmlExporter.Sections.Where(s => s.Id is not "closed-loop" and not "how-to-read"))
            Assert.NotEmpty(doc.QuerySelectorAll($"#{id} .missing"));
        // The closed-loop check is optional: its absence is a note on how to make one, not a missing file.
        Assert.Contains("No closed-loop check was found", doc.QuerySelector("#closed-loop")!.TextContent);
        Assert.Contains("UNKNOWN", doc.QuerySelector("#verdict .badge")!.TextContent);
        Directory.Delete(dir, true);
    }
}
