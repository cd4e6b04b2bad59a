using System.Text.Json;
using LoadLab.Core.Errors;
using LoadLab.Reporting.Tests.Fixtures;

namespace LoadLab.Reporting.Tests;

public sealed class VerdictAndFormatsTests
{
    [Fact]
    public void Verdict_json_passes_when_every_threshold_passes()
    {
        var dir = FixtureRun.Create();
        var result = ReportService.Write(dir, ReportFormats.Json);
        Assert.Equal([Path.Combine(dir, "verdict.json")], result.WrittenFiles);
        Assert.False(File.Exists(Path.Combine(dir, "report.html")));
        var v = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "verdict.json"))).RootElement;
        Assert.Equal("pass", v.GetProperty("status").GetString());
        Assert.True(v.GetProperty("passed").GetBoolean());
        Assert.Equal(2, v.GetProperty("thresholds").GetArrayLength());
        var r = v.GetProperty("recommendation");
        Assert.Equal(1640, r.GetProperty("target_value_ipm").GetDouble());
        Assert.Equal(1425, r.GetProperty("rule_of_thumb_target_ipm").GetDouble());
        Assert.Equal(60, r.GetProperty("scale_out_cooldown_s").GetInt32());
        Assert.Equal(600, r.GetProperty("scale_in_cooldown_s").GetInt32());
        Assert.Equal(12, r.GetProperty("max_capacity").GetInt32());
        Assert.Equal("endpoint/demo-endpoint/variant/AllTraffic", r.GetProperty("resource_id").GetString());
        Assert.Contains(v.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("source").GetString() == "analysis.json");
        Assert.Equal(0, v.GetProperty("file_problems").GetArrayLength());
        Directory.Delete(dir, true);
    }

    [Fact]
    public void Verdict_fails_when_a_threshold_fails_and_lists_missing_files()
    {
        var dir = FixtureRun.Create(new FixtureRun.Options { FailThreshold = true });
        File.Delete(Path.Combine(dir, "metrics.json"));
        var result = ReportService.Write(dir, ReportFormats.Json | ReportFormats.Markdown);
        Assert.Equal("fail", result.Verdict.Status);
        Assert.False(result.Verdict.Passed);
        Assert.Contains(result.Verdict.Thresholds, t => t.Expression == "p(99) < 150" && !t.Passed);
        Assert.Contains(result.Verdict.FileProblems, p => p.Source == "metrics.json");
        Assert.Equal(2, result.WrittenFiles.Count);
        Directory.Delete(dir, true);
    }

    [Theory]
    [InlineData(null, ReportFormats.All)]
    [InlineData("", ReportFormats.All)]
    [InlineData("html", ReportFormats.Html)]
    [InlineData("md,json", ReportFormats.Markdown | ReportFormats.Json)]
    [InlineData("HTML, markdown", ReportFormats.Html | ReportFormats.Markdown)]
    [InlineData("all", ReportFormats.All)]
    [InlineData("json,junit", ReportFormats.Json | ReportFormats.Junit)]
    [InlineData("xml", ReportFormats.Junit)]
    public void Formats_parse(string? text, ReportFormats expected) => Assert.Equal(expected, ReportFormatsParser.Parse(text));

    [Fact]
    public void Unknown_format_is_bad_input_naming_the_option()
    {
        var e = Assert.Throws<UserInputException>(() => ReportFormatsParser.Parse("html,pdf"));
        Assert.Contains("unknown format 'pdf'", e.Message);
        Assert.Contains("--format", e.Message);
    }

    [Fact]
    public void Missing_run_directory_is_bad_input()
    {
        var e = Assert.Throws<UserInputException>(() => ReportService.Write("/nonexistent/loadlab-run"));
        Assert.Contains("does not exist", e.Message);
    }
}
