using System.Text;
using LoadLab.Engine.Targets.Streaming;

namespace LoadLab.Engine.Tests.Streaming;

public sealed class TokenLineCounterTests
{
    [Theory]
    [InlineData("data:{\"token\":{\"id\":1,\"text\":\" the\",\"logprob\":-0.1,\"special\":false}}", 1)]            // TGI
    [InlineData("data: {\"index\":9,\"token\":{\"text\":\".\"},\"generated_text\":\"all of it.\"}", 1)]           // TGI's last
    [InlineData("{\"token\": {\"id\": [7], \"text\": \"x\", \"log_prob\": -1.2}}", 1)]                           // LMI JSON lines
    [InlineData("{\"outputs\": [\" word\"]}", 1)]                                                             // LMI outputs
    [InlineData("{\"generated_text\": \"hi\"}", 1)]
    [InlineData("data: {\"choices\":[{\"delta\":{\"content\":\"Hel\"}}]}", 1)]                                 // OpenAI-compatible
    [InlineData("data: {\"choices\":[{\"delta\":{\"role\":\"assistant\"}}]}", 0)]                              // role only
    [InlineData("data: [DONE]", 0)]
    [InlineData("event: message", 0)]
    [InlineData(": keep-alive", 0)]
    [InlineData("", 0)]
    [InlineData("plain text", 0)]
    [InlineData("data:{not json", 0)]
    [InlineData("{\"details\":{\"finish_reason\":\"length\"}}", 0)]
    public void One_line_counts_as_its_shape_says(string line, int tokens) => Assert.Equal(tokens, TokenLineCounter.CountLine(line));

    [Fact]
    public void Lines_split_across_parts_count_once_when_they_complete()
    {
        var body = Encoding.UTF8.GetBytes("data:{\"token\":{\"text\":\"a\"}}\n\ndata:{\"token\":{\"text\":\"b\"}}\n\ndata:{\"token\":{\"text\":\"c\"}}");
        for (var cut = 1; cut < body.Length; cut++)
        {
            var counter = new TokenLineCounter();
            var n = counter.Feed(body.AsSpan(0, cut)) + counter.Feed(body.AsSpan(cut)) + counter.Finish();
            Assert.Equal(3, n);
        }
    }

    [Fact]
    public void A_timeline_keeps_the_first_token_and_every_gap()
    {
        var t = new TokenTimeline();
        t.Arrived(0, 5);
        t.Arrived(1, 100);
        t.Arrived(2, 130);
        t.Arrived(1, 190);
        Assert.Equal(4, t.OutputTokens);
        Assert.Equal(100, t.FirstTokenTimestamp);
        Assert.Equal([30L, 0L, 60L], t.GapTimestamps);
    }
}
