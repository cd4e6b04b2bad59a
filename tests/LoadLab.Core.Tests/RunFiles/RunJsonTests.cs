using LoadLab.Core.Errors;
using LoadLab.Core.RunFiles;

namespace LoadLab.Core.Tests;

public sealed class RunJsonTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("loadlab-runjson-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void Invalid_json_is_bad_input_naming_file_line_column_and_path()
    {
        var path = Path.Combine(_dir, "analysis.json");
        File.WriteAllText(path, "{\n  \"slo\": {\n    \"latency_ms\": \"fast\"\n  }\n}\n");
        var ex = Assert.Throws<UserInputException>(() => RunJson.Read<AnalysisFile>(path));
        var p = Assert.Single(ex.Problems);
        Assert.Equal((path, 3), (p.File, p.Line));
        Assert.True(p.Column > 1);
        Assert.Equal("$.slo.latency_ms", p.Field);
        Assert.StartsWith("not a valid analysis.json: ", p.Message);
        Assert.DoesNotContain("LineNumber", p.Message); // the position is in the problem, not repeated in the text
    }

    [Fact]
    public void A_missing_file_says_so_or_what_the_caller_says()
    {
        var path = Path.Combine(_dir, "run.json");
        Assert.Equal("file not found", Assert.Single(Assert.Throws<UserInputException>(() => RunJson.ReadRun(path)).Problems).Message);
        Assert.Equal("no run here", Assert.Single(Assert.Throws<UserInputException>(() => RunJson.ReadRun(path, "no run here")).Problems).Message);
    }

    [Fact]
    public void TryReadRun_is_null_when_missing_or_invalid_and_the_run_otherwise()
    {
        var path = Path.Combine(_dir, "run.json");
        Assert.Null(RunJson.TryReadRun(path));
        File.WriteAllText(path, "{ not json");
        Assert.Null(RunJson.TryReadRun(path));
        File.WriteAllText(path, """
            {"scenario_name":"s","target":{"kind":"http","url":"http://127.0.0.1:9/"},"seed":7,"tool_version":"1","load_model":"open","start_utc":"2026-11-27T10:00:00Z"}
            """);
        var run = RunJson.TryReadRun(path);
        Assert.Equal(("s", 7L), (run!.ScenarioName, run.Seed));
        Assert.Equal("http://127.0.0.1:9/", RunJson.ReadRun(path).Target.Url);
    }
}
