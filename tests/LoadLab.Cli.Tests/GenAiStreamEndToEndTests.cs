using System.Globalization;
using LoadLab.Aws.Credentials;
using LoadLab.Aws.Signing;
using LoadLab.Core.Json;
using LoadLab.Core.RunFiles;
using LoadLab.Core.Scenarios;
using LoadLab.Engine.Running;
using LoadLab.Engine.Targets;
using LoadLab.SimEndpoint.Hosting;
using LoadLab.SimEndpoint.Llm;
using LoadLab.SimEndpoint.Options;
using LoadLab.TestSupport;

namespace LoadLab.Cli.Tests;

/// <summary>A streamed run of the engine against the simulator's LLM mode, over real HTTP and event-stream frames.</summary>
public sealed class GenAiStreamEndToEndTests
{
    [Fact]
    public async Task A_streamed_run_counts_every_token_the_sim_sent_and_its_token_latencies_respect_the_sims_step_time()
    {
        await using var sim = await SimEndpointHost.StartAsync(new SimEndpointOptions
        {
            Port = 0, Standalone = true, EndpointName = "llm", Model = SimModelKind.Llm, Workers = 8, Queue = 64,
            Llm = new LlmOptions { MaxBatch = 8, DecodeStep = TimeSpan.FromMilliseconds(5), DecodeStepPerSequence = TimeSpan.FromMilliseconds(1) },
        }, new SimEndpointServices { Log = TextWriter.Null, StandaloneReason = "test" });
        using var dir = new TempDir("loadlab-genai-e2e");

        var result = await LoadRunner.RunAsync(new LoadRunRequest
        {
            Scenario = new Scenario
            {
                Name = "genai",
                Target = new TargetSpec { Kind = TargetKind.SageMaker, Endpoint = "llm", Region = "us-east-1", Stream = true, Timeout = TimeSpan.FromSeconds(20) },
                Payload = new PayloadSpec { ContentType = "application/json", Inline = "{\"inputs\":\"Say eight words.\",\"parameters\":{\"max_new_tokens\":8}}" },
                Load = new LoadSpec
                {
                    Phases = [new PhaseSpec { Shape = PhaseShape.Steps, From = 10, To = 20, Step = 10, Hold = TimeSpan.FromSeconds(2), Warmup = TimeSpan.FromSeconds(0.5) }],
                    Arrivals = ArrivalProcess.Uniform,
                    GracefulStop = TimeSpan.FromSeconds(5),
                },
                Seed = 9,
            },
            RunDirectory = dir.File("run"),
            TargetSettings = new TargetSettings("us-east-1", null, sim.Url) { Credentials = new StaticCredentialSource(new SigningCredentials("AKID", "secret")) },
            SampleInstances = null,
        }, CancellationToken.None);

        var run = LoadLabJson.Deserialize<RunInfo>(File.ReadAllText(result.Directory.RunJson));
        Assert.Equal(0, run.Totals!.Errors);
        Assert.True(run.Totals.Ok >= 50, $"ok {run.Totals.Ok}");

        // Every token the sim streamed (8 per request) is in timeline.csv, and each full second's rate is its count.
        var lines = File.ReadAllLines(result.Directory.TimelineCsv);
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        long Cell(string[] r, string c) => long.Parse(r[Array.IndexOf(header, c)], CultureInfo.InvariantCulture);
        double Number(string[] r, string c) => r[Array.IndexOf(header, c)] is { Length: > 0 } s ? double.Parse(s, CultureInfo.InvariantCulture) : double.NaN;
        Assert.Equal(run.Totals.Ok * 8, rows.Sum(r => Cell(r, "output_tokens")));
        foreach (var r in rows.Take(rows.Count - 1)) Assert.Equal(Cell(r, "output_tokens"), Number(r, "output_tokens_per_s"), 6);

        // Each step of the sim's model lasts at least its 5 ms decode step: no token gap and no first token is shorter.
        var steps = StepsCsv.Read(result.Directory.StepsCsv);
        Assert.Equal(2, steps.Count);
        foreach (var s in steps)
        {
            Assert.NotNull(s.Tokens);
            Assert.Equal(s.Ok * 8, s.Tokens!.OutputTokens);
            Assert.InRange(s.Tokens.ItlP50Ms, 4.9, 1000);
            Assert.InRange(s.Tokens.TtftP50Ms, 4.9, 1000);
            Assert.True(s.Tokens.TtftP90Ms >= s.Tokens.TtftP50Ms);
        }
    }
}
