using LoadLab.Core.RunFiles;

namespace LoadLab.Core.Tests;

/// <summary>The streaming columns: written after the others only when a row has them, and read back.</summary>
public sealed class TokenColumnsTests
{
    private static StepRow Step(TokenCells? tokens) => new()
    {
        Step = 0, StartUtc = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), EndUtc = new DateTimeOffset(2026, 1, 1, 0, 1, 0, TimeSpan.Zero),
        OfferedRps = 2, AchievedRps = 2, Requests = 120, Ok = 120, ErrorRateFraction = 0, ClientP50Ms = 900, ClientP90Ms = 950, ClientP99Ms = 990,
        Tokens = tokens,
    };

    [Fact]
    public void Steps_without_tokens_keep_the_plain_header_and_streaming_steps_round_trip()
    {
        Assert.Equal(StepsCsv.Header, StepsCsv.Format([Step(null)]).Split('\n')[0]);

        var text = StepsCsv.Format([Step(new TokenCells(40.5, 60.25, 20, 31, 3840, 64))]);
        Assert.Equal(StepsCsv.Header + ",ttft_p50_ms,ttft_p90_ms,itl_p50_ms,itl_p90_ms,output_tokens,output_tokens_per_s", text.Split('\n')[0]);
        var back = Assert.Single(StepsCsv.Parse("steps.csv", text));
        Assert.Equal(new TokenCells(40.5, 60.25, 20, 31, 3840, 64), back.Tokens);
        Assert.Null(Assert.Single(StepsCsv.Parse("steps.csv", StepsCsv.Format([Step(null)]))).Tokens);
    }

    [Fact]
    public void A_streaming_timeline_writes_empty_percentiles_for_a_second_without_tokens()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("loadlab-tokens-").FullName, "timeline.csv");
        using (var w = new TimelineCsv.Writer(path, streaming: true))
        {
            w.Append(new TimelineRow { TimeUtc = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), Ok = 1, Tokens = new TokenCells(12, 13, 4, 5, 32, 32) });
            w.Append(new TimelineRow { TimeUtc = new DateTimeOffset(2026, 1, 1, 0, 0, 1, TimeSpan.Zero), Tokens = new TokenCells(double.NaN, double.NaN, double.NaN, double.NaN, 0, 0) });
        }
        var lines = File.ReadAllLines(path);
        Assert.EndsWith(",12,13,4,5,32,32", lines[1]);
        Assert.EndsWith(",,,,,0,0", lines[2]);
        var rows = TimelineCsv.Read(path);
        Assert.Equal(32, rows[0].Tokens!.OutputTokens);
        Assert.True(double.IsNaN(rows[1].Tokens!.TtftP50Ms));
    }
}
