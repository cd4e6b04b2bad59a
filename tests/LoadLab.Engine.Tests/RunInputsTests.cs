using System.Security.Cryptography;
using System.Text;
using LoadLab.Core.Scenarios;
using LoadLab.Engine.Running;
using LoadLab.TestSupport;

namespace LoadLab.Engine.Tests;

/// <summary>run.json's inputs: every external file the scenario made the run use, with its resolved path and SHA-256.</summary>
public sealed class RunInputsTests
{
    [Fact]
    public void The_scenario_its_payload_and_its_trace_are_recorded_with_their_hashes()
    {
        using var dir = new TempDir("loadlab-inputs");
        dir.Write("body.json", """{"x": 1}""");
        dir.Write("trace.csv", "period,count\n2024-05-01 10:00:00,60\n2024-05-01 10:01:00,120\n");
        var path = dir.Write("replay.yaml", """
            name: replay
            target: { kind: http, url: "http://127.0.0.1:1/" }
            payload: { file: body.json }
            load:
              phases:
                - { shape: replay, file: trace.csv, speedup: 60 }
            """);
        var inputs = RunInfoBuilder.Inputs(ScenarioLoader.Load(path));

        string Sha(string name) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(dir.Path, name))));
        Assert.Equal(
            [
                ("scenario", Path.Combine(dir.Path, "replay.yaml"), Sha("replay.yaml")),
                ("payload", Path.Combine(dir.Path, "body.json"), Sha("body.json")),
                ("replay_trace", Path.Combine(dir.Path, "trace.csv"), Sha("trace.csv")),
            ],
            inputs.Select(i => (i.Role, i.Path, i.Sha256)));
        Assert.Equal(Encoding.UTF8.GetByteCount("""{"x": 1}"""), inputs[1].Bytes);
    }
}
