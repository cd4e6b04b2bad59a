using LoadLab.SimEndpoint.Llm;
using Microsoft.Extensions.Time.Testing;

namespace LoadLab.SimEndpoint.Tests.Llm;

/// <summary>Continuous batching on a fake clock: exact step times, batch growth, waiting for a place.</summary>
public sealed class LlmBatcherTests
{
    private static readonly LlmOptions Options = new()
    {
        MaxBatch = 2,
        DecodeStep = TimeSpan.FromMilliseconds(10),
        DecodeStepPerSequence = TimeSpan.FromMilliseconds(5),
        PrefillPerInputToken = TimeSpan.FromMilliseconds(1),
    };

    [Fact]
    public void A_step_takes_decode_plus_per_sequence_plus_the_joiners_prefill()
    {
        Assert.Equal(0.010, LlmTiming.StepSeconds(Options, 1, 0), 9);
        Assert.Equal(0.015, LlmTiming.StepSeconds(Options, 2, 0), 9);
        Assert.Equal(0.015 + 0.040, LlmTiming.StepSeconds(Options, 2, 40), 9);
        Assert.Equal(2 / 0.015, LlmTiming.SteadyTokensPerSecond(Options, 2), 6);
    }

    [Fact]
    public void The_prompt_sets_input_and_output_tokens()
    {
        var p = LlmPrompt.Read("{\"inputs\":\"0123456789abcdef\",\"parameters\":{\"max_new_tokens\":7}}"u8, Options);
        Assert.Equal((4, 7), (p.InputTokens, p.OutputTokens));
        var plain = LlmPrompt.Read("not json at all"u8, Options);
        Assert.Equal((3, Options.DefaultOutputTokens), (plain.InputTokens, plain.OutputTokens));
    }

    private static async Task<List<(int Index, TimeSpan At)>> CollectAsync(LlmSequence s, FakeTimeProvider time, DateTimeOffset start)
    {
        var got = new List<(int, TimeSpan)>();
        await foreach (var i in s.Tokens.ReadAllAsync()) got.Add((i, time.GetUtcNow() - start));
        return got;
    }

    /// <summary>Moves the fake clock 1 ms at a time until every task is done (the batcher's delays fire as it passes them).</summary>
    private static async Task DriveAsync(FakeTimeProvider time, params Task[] tasks)
    {
        for (var i = 0; i < 5000 && !tasks.All(t => t.IsCompleted); i++)
        {
            await Task.Delay(1);
            time.Advance(TimeSpan.FromMilliseconds(1));
        }
        await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Ttft_grows_as_the_batch_fills_and_a_full_batch_makes_the_next_request_wait()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var start = time.GetUtcNow();

        // Alone: one step of a batch of one, prefill of 4 tokens → first token at 14 ms, then every 10 ms.
        var batcher = new LlmBatcher(Options, time);
        var alone = batcher.Submit(new LlmPrompt(4, 3));
        var aloneTokens = CollectAsync(alone, time, start);
        await DriveAsync(time, aloneTokens);
        var a = await aloneTokens;
        Assert.Equal([0, 1, 2], a.Select(t => t.Index));
        Assert.Equal(1, alone.JoinedBatch);
        var aloneTtft = a[0].At;

        // Three at once with a batch of two: the first two join one step (batch 2: 15 ms + 8 ms of prefill), the third
        // waits for a place and joins when one of them has finished.
        start = time.GetUtcNow();
        var s1 = batcher.Submit(new LlmPrompt(4, 3));
        var s2 = batcher.Submit(new LlmPrompt(4, 3));
        var s3 = batcher.Submit(new LlmPrompt(4, 3));
        var t1 = CollectAsync(s1, time, start);
        var t2 = CollectAsync(s2, time, start);
        var t3 = CollectAsync(s3, time, start);
        await DriveAsync(time, t1, t2, t3);
        var (r1, r2, r3) = (await t1, await t2, await t3);
        Assert.All([r1, r2, r3], r => Assert.Equal(3, r.Count));
        Assert.Equal((2, 2, 1), (s1.JoinedBatch, s2.JoinedBatch, s3.JoinedBatch));
        Assert.True(r1[0].At > aloneTtft, $"batch of two TTFT {r1[0].At} vs alone {aloneTtft}");
        Assert.Equal(r1[0].At, r2[0].At);
        // The third's first token comes only after the first two have all three of theirs.
        Assert.True(r3[0].At > r1[2].At, $"third TTFT {r3[0].At}, first done {r1[2].At}");
        // Within the fake clock's 1 ms steps: 23 ms (15 + 8) for the batch of two, 14 ms alone.
        Assert.InRange(aloneTtft.TotalMilliseconds, 14, 16);
        Assert.InRange(r1[0].At.TotalMilliseconds, 23, 25);
        Assert.Equal(0, batcher.Active);
    }
}
