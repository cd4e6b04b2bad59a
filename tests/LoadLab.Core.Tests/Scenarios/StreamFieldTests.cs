using LoadLab.Core.Scenarios;

namespace LoadLab.Core.Tests.Scenarios;

/// <summary><c>target.stream</c>: read for both target kinds, false by default, a located error when not a boolean.</summary>
public sealed class StreamFieldTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("loadlab-stream-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string target)
    {
        var path = Path.Combine(_dir, "s.yaml");
        File.WriteAllText(path, $"name: s\ntarget: {target}\npayload: {{ inline: \"{{}}\" }}\nload:\n  phases:\n    - {{ shape: constant, rate: 1, duration: 1s }}\n");
        return path;
    }

    [Fact]
    public void Stream_is_read_for_sagemaker_and_http_targets_and_is_off_by_default()
    {
        Assert.True(ScenarioLoader.Load(Write("{ endpoint: llm, stream: true }")).Target.Stream);
        Assert.True(ScenarioLoader.Load(Write("{ kind: http, url: \"http://127.0.0.1:9/g\", stream: true }")).Target.Stream);
        Assert.False(ScenarioLoader.Load(Write("{ endpoint: llm }")).Target.Stream);
    }

    [Fact]
    public void A_stream_that_is_not_a_boolean_is_an_error_at_its_line_and_field()
    {
        var v = ScenarioLoader.Validate(Write("{ endpoint: llm, stream: sometimes }"));
        var p = Assert.Single(v.Problems);
        Assert.Equal(("target.stream", 2), (p.Field, p.Line));
        Assert.Contains("expected true or false", p.Message);
    }
}
