using System.Text.Json;
using AngleSharp.Html.Parser;
using LoadLab.Core.Findings;
using LoadLab.Core.Json;
using LoadLab.Core.RunFiles;
using LoadLab.Reporting.Model;
using LoadLab.Reporting.Tests.Fixtures;

namespace LoadLab.Reporting.Tests;

/// <summary>Warnings carry a severity and a code; identical causes are one line; only what changes the figures is in the verdict box.</summary>
public sealed class WarningGroupingTests
{
    [Fact]
    public void Identical_causes_are_one_line_and_notes_sit_in_a_collapsed_list()
    {
        var dir = FixtureRun.Create();
        ReportService.Write(dir);
        var doc = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(dir, "report.html")));
        var box = doc.QuerySelector("#verdict .verdict")!;
        var headline = box.QuerySelectorAll(":scope > ul.warnings li").Select(li => li.TextContent).ToList();
        var notes = box.QuerySelectorAll("details.notes li").Select(li => li.TextContent).ToList();

        Assert.DoesNotContain(headline, l => l.Contains("did not answer"));
        var grouped = Assert.Single(notes);
        Assert.Contains("ModelLatency/OverheadLatency p90/p99: this CloudWatch did not answer the statistic", grouped);
        Assert.Contains("(×2)", grouped);
        Assert.Contains("cloudwatch.statistic_unanswered", grouped);
        Assert.Contains(headline, l => l.Contains("CPUUtilization Average: 2 missing period(s)") && l.Contains("cloudwatch.gaps"));
        Assert.Null(box.QuerySelector("details.notes")!.GetAttribute("open"));

        var verdict = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "verdict.json"))).RootElement;
        var entry = verdict.GetProperty("warnings").EnumerateArray().Single(w => w.GetProperty("code").GetString() == "cloudwatch.statistic_unanswered");
        Assert.Equal("info", entry.GetProperty("severity").GetString());
        Assert.Equal(2, entry.GetProperty("count").GetInt32());
        Assert.Equal(["ModelLatency p90", "OverheadLatency p99"], entry.GetProperty("subjects").EnumerateArray().Select(s => s.GetString()));
        Directory.Delete(dir, true);
    }

    [Fact]
    public void Findings_round_trip_and_old_string_warnings_still_read()
    {
        var f = Finding.Warning("cloudwatch.gaps", "2 missing period(s)", "CPUUtilization Average") with { Detail = "x" };
        var json = LoadLabJson.Serialize(new MetricsFile
        {
            Endpoint = "e", Variant = "v", WindowStartUtc = DateTimeOffset.UnixEpoch, WindowEndUtc = DateTimeOffset.UnixEpoch, Warnings = [f],
        });
        Assert.Contains("\"severity\": \"warning\"", json);
        Assert.Equal(f, LoadLabJson.Deserialize<MetricsFile>(json).Warnings.Single());

        var old = LoadLabJson.Deserialize<MetricsFile>("""{"endpoint":"e","variant":"v","window_start_utc":"2026-01-01T00:00:00Z","window_end_utc":"2026-01-01T00:00:00Z","warnings":["an old warning"]}""");
        Assert.Equal(Finding.Warning(Finding.Unclassified, "an old warning"), old.Warnings.Single());
    }

    [Fact]
    public void Subjects_fold_only_when_each_is_a_metric_and_a_statistic()
    {
        Assert.Equal("ModelLatency/OverheadLatency p50/p90", ReportWarning.FoldSubjects(["ModelLatency p50", "ModelLatency p90", "OverheadLatency p50"]));
        Assert.Equal("DescribeEndpoint, run one", ReportWarning.FoldSubjects(["DescribeEndpoint", "run one"]));
    }
}
