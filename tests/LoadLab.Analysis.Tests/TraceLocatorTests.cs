using System.Text.Json;
using LoadLab.Analysis.Recommend;
using LoadLab.Core.RunFiles;

namespace LoadLab.Analysis.Tests;

/// <summary>analyze reads the run directory only: a replayed trace is taken from run.json, never from a file beside it or in the working directory.</summary>
public sealed class TraceLocatorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("loadlab-trace-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private RunInfo Run(string phasesJson) => new()
    {
        ScenarioName = "replay", Scenario = JsonDocument.Parse($$"""{ "load": { "phases": {{phasesJson}} } }""").RootElement.Clone(),
        ScenarioPath = Path.Combine(_dir, "replay.yaml"), Target = new RunTarget("http", null, null, null, "http://127.0.0.1:1/"), Seed = 1,
        ToolVersion = "test", LoadModel = "open", StartUtc = DateTimeOffset.UnixEpoch,
    };

    [Fact]
    public void A_trace_file_is_not_read_even_where_the_old_lookup_found_it()
    {
        var csv = "period,count\n2024-05-01 10:00:00,60\n2024-05-01 10:01:00,120\n";
        File.WriteAllText(Path.Combine(_dir, "trace.csv"), csv);                  // the scenario's folder
        File.WriteAllText(Path.Combine(Directory.GetCurrentDirectory(), "trace.csv"), csv); // the working directory
        try
        {
            var notes = new List<string>();
            Assert.Null(TraceLocator.Find(Run("""[ { "shape": "replay", "file": "trace.csv" } ]"""), notes));
            Assert.Equal("the replayed trace 'trace.csv' is outside the run directory, which is all analyze reads: the traffic profile comes from the run's own offered load",
                Assert.Single(notes));
        }
        finally { File.Delete(Path.Combine(Directory.GetCurrentDirectory(), "trace.csv")); }
    }

    [Fact]
    public void A_trace_recorded_in_run_json_is_used()
    {
        var notes = new List<string>();
        var trace = TraceLocator.Find(Run("""[ { "shape": "replay", "trace": { "interval": "00:01:00", "counts": [60, 120] } } ]"""), notes);
        Assert.Equal([60.0, 120], trace!.CountsPerMinute);
        Assert.Empty(notes);
    }
}
