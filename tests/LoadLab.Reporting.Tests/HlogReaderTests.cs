using HdrHistogram;
using LoadLab.Reporting.Model;
using LoadLab.Reporting.Tests.Fixtures;

namespace LoadLab.Reporting.Tests;

public sealed class HlogReaderTests
{
    [Fact]
    public void Merges_untagged_intervals_and_keeps_tagged_ones_apart()
    {
        var dir = FixtureRun.Create();
        using var stream = File.OpenRead(Path.Combine(dir, "latency.hlog"));
        var d = HlogReader.Read(stream, expectedP50Ms: 80);
        Assert.Equal(10, d.Intervals);
        Assert.Equal(99_000, d.TotalCount);
        Assert.Equal(30, d.ErrorCount);            // 3 per interval, tagged "errors"
        Assert.True(d.MaxMs < 30_000, $"the 30 s error latencies leaked into the ok spectrum (max {d.MaxMs} ms)");
        Assert.NotNull(d.ServiceSpectrum);
        Assert.True(d.ServiceSpectrum![^1].ValueMs < d.Spectrum[^1].ValueMs);
        Assert.Contains("µs", d.UnitNote);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void Unit_is_checked_against_the_run_p50()
    {
        // The same log recorded in ms instead of µs: the run's p50 tells the reader which unit fits.
        var h = new LongHistogram(3_600_000, 3);
        for (int i = 1; i <= 1000; i++) h.RecordValue(40 + i % 20);
        h.StartTimeStamp = 0; h.EndTimeStamp = 1000;
        var ms = new MemoryStream();
        using (var w = new HistogramLogWriter(ms)) w.Write(DateTime.UnixEpoch, h);
        var d = HlogReader.Read(new MemoryStream(ms.ToArray()), expectedP50Ms: 50);
        Assert.InRange(d.Table[0].ValueMs, 45, 55);
        Assert.Contains("ms", d.UnitNote);
    }

    [Fact]
    public void An_empty_log_is_reported_as_invalid()
    {
        var ms = new MemoryStream();
        using (var w = new HistogramLogWriter(ms)) w.Write(DateTime.UnixEpoch);
        Assert.Throws<InvalidDataException>(() => HlogReader.Read(new MemoryStream(ms.ToArray())));
    }
}
