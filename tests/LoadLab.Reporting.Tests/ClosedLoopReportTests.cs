using System.Text.Json;
using AngleSharp.Html.Parser;
using LoadLab.Reporting.Tests.Fixtures;

namespace LoadLab.Reporting.Tests;

/// <summary>The closed-loop check (verify.json) in report.html, summary.md and verdict.json.</summary>
public sealed class ClosedLoopReportTests
{
    private static readonly HtmlParser Parser = new(new HtmlParserOptions { IsStrictMode = false });

    private sealed record Rendered(string Html, AngleSharp.Html.Dom.IHtmlDocument Doc, string Md, JsonElement Verdict, ReportResult Result);

    private static Rendered Render(string dir)
    {
        var result = ReportService.Write(dir);
        var html = File.ReadAllText(Path.Combine(dir, "report.html"));
        new HtmlParser(new HtmlParserOptions { IsStrictMode = true }).ParseDocument(html); // well-formed
        return new Rendered(html, Parser.ParseDocument(html), File.ReadAllText(Path.Combine(dir, "summary.md")),
            JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "verdict.json"))).RootElement.Clone(), result);
    }

    private static List<List<string>> Rows(AngleSharp.Dom.IElement table) =>
        table.QuerySelectorAll("tbody tr").Select(r => r.Children.Select(c => c.TextContent).ToList()).ToList();

    [Fact]
    public void A_check_that_held_is_shown_with_its_kpis_prediction_errors_chart_and_minutes()
    {
        var dir = FixtureRun.Create(); // verify/verify.json, as the demo lays it out
        var r = Render(dir);

        var section = r.Doc.QuerySelector("#closed-loop")!;
        Assert.Empty(section.QuerySelectorAll(".missing"));
        var box = section.QuerySelector(".verdict")!;
        Assert.Contains("pass", box.ClassList);
        Assert.Equal("HELD", box.QuerySelector(".badge")!.TextContent);
        Assert.Equal(["the SLO held within the 1 minute(s) allowed and recovered"], box.QuerySelectorAll("ul.reasons li").Select(l => l.TextContent));
        var kpis = box.QuerySelectorAll("dl.kpis > div").ToDictionary(d => d.QuerySelector("dt")!.TextContent, d => d.QuerySelector(".v")!.TextContent);
        Assert.Equal("x3", kpis["Load step"]);
        Assert.Equal("120 s", kpis["First scale-out"]);
        Assert.Equal("180 s", kpis["Recovery"]);
        Assert.Equal("1", kpis["Minutes over the SLO"]);
        Assert.Equal("1 → 3 / 3", kpis["Instances"]);
        Assert.Equal("1 / 0", kpis["Scaling"]);
        Assert.Contains("endpoint clock, x6 real time", section.TextContent);

        // What the check shows and what it does not: model agreement on this stack, with the model's own inputs named.
        Assert.Contains(section.QuerySelectorAll("h3"), h => h.TextContent == "Model agreement on this stack: observed vs simulate predicted");
        var evidence = section.QuerySelectorAll("ul.evidence li").Select(l => l.TextContent).ToList();
        Assert.Equal(2, evidence.Count);
        Assert.Contains("instance startup (30 s, from the policy's basis (scenario)), never the endpoint's own settings", evidence[0]);
        Assert.Contains("not proof about AWS", evidence[1]);
        Assert.Contains("### Model agreement on this stack: observed vs simulate predicted\n\n- What it checks:", r.Md);
        Assert.Contains("not proof about AWS", r.Md);

        var tables = section.QuerySelectorAll("table").ToList();
        Assert.Equal(3, tables.Count); // observed vs predicted, per minute, activities
        Assert.Equal(
        [
            ["First scale-out after the load step", "120 s", "90 s", "+30 s"],
            ["Minutes over the SLO", "1", "0", "+1"],
            ["Peak instances (desired)", "3", "3", "0"],
        ], Rows(tables[0]));
        var minutes = Rows(tables[1]);
        Assert.Equal(9, minutes.Count);
        Assert.Equal(["10:43", "1,500", "270", "0", "3 / 1", "9,000", "8,550", "✗ over"], minutes[3]);
        Assert.Equal("–", minutes[8][6]);                                        // not published for the last minute
        Assert.Single(minutes, m => m[7] == "✗ over");
        Assert.Contains("triggered policy loadlab-target-tracking", Rows(tables[2])[0][2]);

        foreach (var id in new[] { "chart-verify-latency", "chart-verify-instances" })
        {
            var img = section.QuerySelector($"#{id} img")!;
            Assert.StartsWith("data:image/png;base64,", img.GetAttribute("src"));
            Assert.True(img.GetAttribute("alt")!.Length > 40);
        }
        Assert.Contains("over the SLO", section.QuerySelector("#chart-verify-latency img")!.GetAttribute("alt"));

        // The report's own verdict stays PASS and says the check held.
        Assert.Contains("pass", r.Doc.QuerySelector("#verdict .verdict")!.ClassList);
        var status = r.Doc.QuerySelector("#verdict .status")!.TextContent;
        Assert.Contains("Thresholds: pass (2/2) · SLO: broken at step", status);
        Assert.EndsWith("· Closed-loop check: held", status);

        Assert.Contains("## Closed-loop check\n\n**SLO HELD**: the SLO held within the 1 minute(s) allowed and recovered\n", r.Md);
        Assert.Contains("| First scale-out after the load step | 120 s | 90 s | +30 s |", r.Md);
        Assert.Contains("| 10:43 | 1,500 | 270 | 0 | 3 / 1 | 9,000 | 8,550 | ✗ over |", r.Md);
        Assert.Contains("**PASS**: Thresholds: pass (2/2) · SLO: broken at step", r.Md);
        Assert.Contains("· Closed-loop check: held\n", r.Md);

        Assert.Equal("pass", r.Verdict.GetProperty("status").GetString());
        var c = r.Verdict.GetProperty("closed_loop");
        Assert.Equal("verify/verify.json", c.GetProperty("source").GetString());
        Assert.True(c.GetProperty("slo_held").GetBoolean());
        Assert.Equal(1, c.GetProperty("violation_minutes").GetInt32());
        Assert.Equal(1, c.GetProperty("allowed").GetInt32());
        Assert.True(c.GetProperty("recovered").GetBoolean());
        Assert.Equal(120, c.GetProperty("time_to_first_scale_out_s").GetDouble());
        Assert.Equal(180, c.GetProperty("time_to_recovery_s").GetDouble());
        Assert.Equal(3, c.GetProperty("peak_desired_instances").GetInt32());
        Assert.Equal(3, c.GetProperty("peak_in_service_instances").GetInt32());
        var p = c.GetProperty("prediction");
        Assert.Equal(30, p.GetProperty("first_scale_out_error_s").GetDouble());
        Assert.Equal(1, p.GetProperty("violation_minutes_error").GetInt32());
        Assert.Equal(0, p.GetProperty("peak_instances_error").GetInt32());
        Assert.False(r.Verdict.TryGetProperty("closed_loop_failed", out _));
        Directory.Delete(dir, true);
    }

    [Fact]
    public void A_check_that_did_not_hold_fails_the_report_and_says_why()
    {
        var dir = FixtureRun.Create(new FixtureRun.Options { ClosedLoop = ClosedLoopFixture.None });
        FixtureVerify.Write(dir, FixtureVerify.Create(held: false), nested: false); // verify.json beside the run files
        var r = Render(dir);

        Assert.Equal("fail", r.Result.Verdict.Status);
        Assert.False(r.Result.Verdict.Passed);
        Assert.Equal("fail", r.Verdict.GetProperty("status").GetString());
        Assert.False(r.Verdict.GetProperty("passed").GetBoolean());
        var c = r.Verdict.GetProperty("closed_loop");
        Assert.Equal("verify.json", c.GetProperty("source").GetString());
        Assert.False(c.GetProperty("slo_held").GetBoolean());
        Assert.False(c.GetProperty("recovered").GetBoolean());
        Assert.Equal(8, c.GetProperty("violation_minutes").GetInt32());
        Assert.False(c.TryGetProperty("time_to_recovery_s", out _));
        Assert.Contains(r.Verdict.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("source").GetString() == "verify.json");

        var verdict = r.Doc.QuerySelector("#verdict .verdict")!;
        Assert.Contains("fail", verdict.ClassList);
        Assert.Equal("FAIL", verdict.QuerySelector(".badge")!.TextContent);
        Assert.Contains("Thresholds: pass (2/2)", verdict.QuerySelector(".status")!.TextContent);
        Assert.Contains("Closed-loop check: failed (8 minute(s) over the SLO", verdict.QuerySelector(".status")!.TextContent);
        var box = r.Doc.QuerySelector("#closed-loop .verdict")!;
        Assert.Contains("fail", box.ClassList);
        Assert.Equal("NOT HELD", box.QuerySelector(".badge")!.TextContent);
        Assert.Contains("the fleet did not catch up", box.TextContent);
        Assert.Equal("not recovered", box.QuerySelectorAll("dl.kpis > div").First(d => d.QuerySelector("dt")!.TextContent == "Recovery").QuerySelector(".v")!.TextContent);

        Assert.Contains("**FAIL**: Thresholds: pass (2/2) · SLO: broken at step", r.Md);
        Assert.Contains("Closed-loop check: failed (8 minute(s) over the SLO", r.Md);
        Assert.Contains("**SLO NOT HELD**: 8 minute(s) over the SLO", r.Md);
        Assert.Contains("| Minutes over the SLO | 8 | 7 | +1 |", r.Md);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void A_failed_check_beside_an_unreadable_run_json_fails_and_still_says_the_thresholds_are_unknown()
    {
        var dir = FixtureRun.Create(new FixtureRun.Options { ClosedLoop = ClosedLoopFixture.None });
        File.WriteAllText(Path.Combine(dir, "run.json"), "{ not json");
        FixtureVerify.Write(dir, FixtureVerify.Create(held: false));
        var r = Render(dir);

        Assert.Equal("fail", r.Verdict.GetProperty("status").GetString());
        Assert.Equal("unknown", r.Verdict.GetProperty("threshold_status").GetString());
        Assert.StartsWith("Thresholds: unknown (run.json could not be read) · SLO:",
            r.Doc.QuerySelector("#verdict .verdict .status")!.TextContent.Replace("FAIL", "").Trim());
        Directory.Delete(dir, true);
    }

    [Fact]
    public void Hostile_strings_in_verify_json_are_escaped_in_html_and_markdown()
    {
        const string hostile = "<script>alert(1)</script> | `rm -rf` <img src=x onerror=alert(2)> *bold*";
        var dir = FixtureRun.Create(new FixtureRun.Options { ClosedLoop = ClosedLoopFixture.None });
        FixtureVerify.Write(dir, FixtureVerify.Create(held: false, hostile));
        var r = Render(dir);

        Assert.Single(r.Doc.QuerySelectorAll("script")); // ours, the copy buttons
        Assert.Empty(r.Doc.QuerySelectorAll("img:not([src^='data:'])"));
        Assert.Empty(r.Doc.QuerySelectorAll("[onerror]"));
        Assert.DoesNotContain("<script>alert", r.Html);
        var section = r.Doc.QuerySelector("#closed-loop")!;
        Assert.Contains(hostile, section.QuerySelectorAll("ul.reasons li").Select(l => l.TextContent));
        Assert.Contains("scenario " + hostile, section.TextContent);
        var activity = Rows(section.QuerySelectorAll("table").Last())[0];
        Assert.Equal(hostile, activity[1]);
        Assert.Equal(hostile, activity[2]);

        Assert.DoesNotContain("<script>", r.Md);
        Assert.DoesNotContain("<img", r.Md);
        Assert.DoesNotContain("| `rm", r.Md);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; \\| \\`rm -rf\\` &lt;img src=x onerror=alert(2)&gt; \\*bold\\*", r.Md);
        Assert.Equal(hostile, r.Verdict.GetProperty("closed_loop").GetProperty("reasons").EnumerateArray().Last().GetString());
        Directory.Delete(dir, true);
    }

    [Fact]
    public void No_verify_json_is_not_a_file_problem_and_the_section_says_how_to_make_one()
    {
        var dir = FixtureRun.Create(new FixtureRun.Options { ClosedLoop = ClosedLoopFixture.None });
        var r = Render(dir);

        Assert.Equal("pass", r.Result.Verdict.Status);
        Assert.Empty(r.Result.Verdict.FileProblems);
        Assert.False(r.Verdict.TryGetProperty("closed_loop", out _));
        Assert.Null(r.Doc.QuerySelector("#verdict .files"));
        var section = r.Doc.QuerySelector("#closed-loop")!;
        Assert.Empty(section.QuerySelectorAll(".missing"));
        Assert.Contains("No closed-loop check was found", section.TextContent);
        Assert.Contains($"loadlab verify <scenario> --policy '{Path.Combine(dir, "recommendation.json")}' --out '{Path.Combine(dir, "verify")}'", section.TextContent);
        Assert.Contains($"loadlab report '{dir}'", section.TextContent);
        Assert.DoesNotContain("closed-loop", r.Doc.QuerySelector("#verdict .status")!.TextContent);
        Assert.Contains("## Closed-loop check\n\nNot run: no verify.json", r.Md);
        Assert.DoesNotContain("Files not available", r.Md);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void A_corrupt_verify_json_is_a_file_problem_with_its_reason_and_the_rest_renders()
    {
        var dir = FixtureRun.Create(new FixtureRun.Options { ClosedLoop = ClosedLoopFixture.None });
        Directory.CreateDirectory(Path.Combine(dir, "verify"));
        File.WriteAllText(Path.Combine(dir, "verify", "verify.json"), "{\n  \"verdict\": ");
        var r = Render(dir);

        var problem = Assert.Single(r.Result.Verdict.FileProblems);
        Assert.Equal("verify/verify.json", problem.Source);
        Assert.Contains("verify/verify.json could not be read", problem.Message);
        Assert.Contains("Path: $.verdict | LineNumber: 1", problem.Message); // the reason, located, as for the other JSON files
        Assert.DoesNotContain(dir + "/", problem.Message);
        Assert.Equal("pass", r.Result.Verdict.Status); // unreadable is not "did not hold"
        Assert.Contains("verify/verify.json could not be read", r.Doc.QuerySelector("#closed-loop .missing")!.TextContent);
        Assert.Contains("verify/verify.json", r.Doc.QuerySelector("#verdict .files")!.TextContent);
        Assert.NotNull(r.Doc.QuerySelector("#chart-rate img"));
        Assert.NotNull(r.Doc.QuerySelector("#chart-backtest img"));
        Assert.Contains("## Closed-loop check\n\n_Not available: verify/verify.json could not be read", r.Md);
        Directory.Delete(dir, true);
    }
}
