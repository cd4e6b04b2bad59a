using System.Text;
using HdrHistogram;
using LoadLab.Core.RunFiles;
using LoadLab.Engine.Recording;
using LoadLab.Engine.Targets;

namespace LoadLab.Engine.Tests;

public sealed class RecordingFilesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("loadlab-engine-rec-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Latency_log_is_the_standard_text_format_and_reads_back_with_HistogramLogReader()
    {
        var start = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var recorder = new RunRecorder();
        var path = Path.Combine(_dir, "latency.hlog");
        using (var log = new LatencyLogWriter(path, start))
        {
            for (var second = 0; second < 3; second++)
            {
                for (var i = 1; i <= 100; i++)
                {
                    recorder.Started(latenessUs: 50, late: false);
                    recorder.Completed(RequestOutcome.Ok(200), latencyUs: i * 1000 * (second + 1), serviceUs: i * 900, steadyStep: -1);
                }
                recorder.Started(10, false);
                recorder.Completed(new RequestOutcome(OutcomeClass.ServerError, 500), 5_000, 4_000, -1);
                var sample = recorder.TakeInterval(start.AddSeconds(second), start.AddSeconds(second + 1));
                log.Append(sample);
                recorder.Recycle(sample);
            }
        }

        var bytes = File.ReadAllBytes(path);
        // Plain ASCII text (no UTF-16, no BOM): the format other HdrHistogram tools read.
        Assert.DoesNotContain(bytes, b => b == 0);
        var text = Encoding.ASCII.GetString(bytes);
        Assert.StartsWith("#[Histogram log format version", text);
        Assert.Contains("#[StartTime: ", text);

        using var stream = File.OpenRead(path);
        var histograms = new HistogramLogReader(stream).ReadHistograms().ToList();
        var ok = histograms.Where(h => h.Tag is null).ToList();
        Assert.Equal(3, ok.Count);
        Assert.All(ok, h => Assert.Equal(100, h.TotalCount));
        Assert.Equal(3, histograms.Count(h => h.Tag == LatencyLogTags.Errors));
        Assert.Equal(3, histograms.Count(h => h.Tag == LatencyLogTags.Service));
        Assert.Equal(3, histograms.Count(h => h.Tag == LatencyLogTags.Lateness));
        // The third second's p99 is 3 × 99 ms (within HdrHistogram's 0.1 %).
        Assert.InRange(ok[2].GetValueAtPercentile(99), 296_700, 297_300);
        Assert.Equal(start.AddSeconds(2).ToUnixTimeMilliseconds(), ok[2].StartTimeStamp);
        // Intervals add exactly: the merged count is the sum.
        var merged = Histograms.Create();
        foreach (var h in ok) merged.Add(h);
        Assert.Equal(300, merged.TotalCount);
    }
}
