using System.Text.Json;
using LoadLab.Telemetry.Tests.Support;
using LoadLab.TestSupport;
using Xunit.Abstractions;

namespace LoadLab.Telemetry.Tests;

/// <summary>
/// `run --out jsonl=FILE --dashboard=:PORT` against a real sim endpoint: the jsonl file grows while the run goes on
/// (flushed line by line), and both it and the dashboard's event stream carry exactly the run's seconds: each second's
/// completed count is timeline.csv's, and they add up to run.json's total.
/// </summary>
[Collection(LiveRunCollection.Name)]
public sealed class JsonlAndEventStreamTests(SimTarget sim, ITestOutputHelper output) : IClassFixture<SimTarget>
{
    [Fact]
    public async Task Jsonl_and_event_stream_carry_every_second_and_event_of_the_run()
    {
        using var tmp = new TempDir("loadlab-jsonl");
        var scenario = sim.Scenario(tmp.Path);
        var runDir = tmp.File("run");
        var jsonl = tmp.File("live.jsonl");
        var port = FreePort.Next();
        var run = SimTarget.RunAsync(output, "run", scenario, "--out", runDir, "--out", $"jsonl={jsonl}", $"--dashboard=:{port}", "--stages", "load");

        // The event stream, read as a browser would, from the first second on.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var events = ReadEventStream(http, new Uri($"http://127.0.0.1:{port}/events"));

        // Lines appear while the run is still going: the file is flushed as it is written.
        var sawLinesMidRun = false;
        while (!run.IsCompleted)
        {
            if (File.Exists(jsonl) && ReadShared(jsonl).Count(l => l.Contains("\"type\":\"second\"")) >= 2 && !run.IsCompleted) { sawLinesMidRun = true; break; }
            await Task.Delay(100);
        }
        var result = await run;
        Assert.Equal(0, result.Code);
        Assert.True(sawLinesMidRun, "the jsonl file had no second lines before the run ended");
        Assert.Contains($"live dashboard: http://127.0.0.1:{port}/", result.Out);

        var lines = File.ReadAllLines(jsonl).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal("run_start", lines[0].GetProperty("type").GetString());
        Assert.Equal("run_end", lines[^1].GetProperty("type").GetString());
        AssertSecondsMatchRun(lines, runDir, "jsonl");
        var phases = lines.Where(l => l.GetProperty("type").GetString() == "phase_start").Select(l => l.GetProperty("phase_number").GetDouble()).ToList();
        Assert.Equal([1.0, 2.0], phases);

        var streamed = await events;
        Assert.Equal("run", streamed[0].Name);
        Assert.Equal("end", streamed[^1].Name);
        AssertSecondsMatchRun(streamed.Where(e => e.Name == "second").Select(e => JsonDocument.Parse(e.Data).RootElement).ToList(), runDir, "event stream");
        Assert.Equal(2, streamed.Count(e => e.Name == "note" && e.Data.Contains("\"type\":\"phase_start\"")));
    }

    private static void AssertSecondsMatchRun(List<JsonElement> records, string runDir, string what)
    {
        var seconds = records.Where(l => !l.TryGetProperty("type", out var t) || t.GetString() == "second").ToList();
        var perSecond = SimTarget.CompletedPerSecond(runDir);
        Assert.Equal(perSecond, seconds.Select(s => s.GetProperty("completed").GetInt64()).ToList());
        var total = SimTarget.CompletedInRunJson(runDir);
        Assert.True(total > 300, $"the run completed only {total} requests");
        Assert.Equal(total, seconds.Sum(s => s.GetProperty("completed").GetInt64()));
        Assert.Equal(total, seconds[^1].GetProperty("total_completed").GetInt64());
        foreach (var s in seconds)
        {
            // Every number names its unit; the rates are the counts over the second.
            Assert.True(s.GetProperty("achieved_rps").GetDouble() >= 0, what);
            Assert.True(s.TryGetProperty("p99_ms", out _) && s.TryGetProperty("in_flight", out _) && s.TryGetProperty("errors_by_class", out _), what);
        }
    }

    private static List<string> ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    /// <summary>Connects (retrying until the server is up) and reads server-sent events until the stream ends.</summary>
    private static async Task<List<(string Name, string Data)>> ReadEventStream(HttpClient http, Uri url)
    {
        Stream? stream = null;
        for (var i = 0; stream is null; i++)
        {
            try { stream = await http.GetStreamAsync(url); }
            catch (HttpRequestException) when (i < 200) { await Task.Delay(50); }
        }
        var events = new List<(string, string)>();
        using var reader = new StreamReader(stream);
        string? name = null, data = null;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal)) name = line[7..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal)) data = line[6..];
            else if (line.Length == 0 && name is not null && data is not null)
            {
                events.Add((name, data));
                if (name == "end") break;
                name = data = null;
            }
        }
        return events;
    }
}
