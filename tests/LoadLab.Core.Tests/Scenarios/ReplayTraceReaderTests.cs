using LoadLab.Core.Errors;
using LoadLab.Core.Scenarios;

namespace LoadLab.Core.Tests.Scenarios;

public class ReplayTraceReaderTests
{
    private static (ReplayTrace? Trace, string[] Problems) Parse(string text)
    {
        var problems = new List<Problem>();
        var trace = ReplayTraceReader.Parse(text, "/abs/t.csv", "t.csv", "load.phases[0].file", problems);
        return (trace, problems.Select(p => p.ToString()).ToArray());
    }

    [Fact]
    public void Detects_per_minute_and_fills_missing_minutes_with_zero()
    {
        var (trace, problems) = Parse("period,count\n2024-05-01 10:00:00,5\n2024-05-01 10:01:00,6\n2024-05-01 10:04:00,9\n");
        Assert.Empty(problems);
        Assert.Equal(TimeSpan.FromMinutes(1), trace!.Interval);
        Assert.Equal([5.0, 6, 0, 0, 9], trace.Counts);
        Assert.Equal("2024-05-01 10:00:00", trace.FirstTimestamp);
        Assert.Equal(20, trace.Total);
    }

    [Fact]
    public void Detects_per_second_from_iso_or_numeric_timestamps()
    {
        var (iso, p1) = Parse("timestamp,count\r\n2024-05-01T10:00:00Z,1\r\n2024-05-01T10:00:01Z,2\r\n2024-05-01T12:00:02+02:00,3\r\n");
        Assert.Empty(p1);
        Assert.Equal(TimeSpan.FromSeconds(1), iso!.Interval);
        Assert.Equal([1.0, 2, 3], iso.Counts);

        var (numeric, p2) = Parse("time,count\n100,4\n101,5\n\n103,6\n");
        Assert.Empty(p2);
        Assert.Equal(TimeSpan.FromSeconds(1), numeric!.Interval);
        Assert.Equal([4.0, 5, 0, 6], numeric.Counts);
    }

    [Fact]
    public void Rows_a_whole_number_of_minutes_apart_are_per_minute_with_the_missing_minutes_zero()
    {
        var (trace, problems) = Parse("period,count\n1998-06-01 00:00:00,60\n1998-06-01 00:03:00,120\n");
        Assert.Empty(problems);
        Assert.Equal(TimeSpan.FromMinutes(1), trace!.Interval);
        Assert.Equal([60.0, 0, 0, 120], trace.Counts);
        Assert.Equal(new DateTimeOffset(1998, 6, 1, 0, 0, 0, TimeSpan.Zero), trace.StartUtc);
    }

    [Fact]
    public void Without_a_field_a_bad_cell_is_named_by_its_column()
    {
        var problems = new List<Problem>();
        Assert.Null(ReplayTraceReader.Parse("period,count\n1998-06-01 00:00:00,5\n1998-06-01 00:01:00,-3\nnot-a-time,4\n", "/d.csv", "d.csv", "", problems));
        Assert.Equal([(3, 21, "count"), (4, 1, "period")], problems.Select(p => (p.Line, p.Column, p.Field)));
    }

    [Theory]
    [InlineData("", "t.csv:1:1: load.phases[0].file: the trace is empty (expected a header 'period,count' and one row per minute or second)")]
    [InlineData("period,count\n", "t.csv:2:1: load.phases[0].file: the trace is empty: it has a header but no rows")]
    [InlineData("period,count\n0,1\n", "t.csv:3:1: load.phases[0].file: the trace needs at least 2 rows to tell per-minute from per-second counts")]
    [InlineData("2024-05-01 10:00:00,5\n", "t.csv:1:1: load.phases[0].file: the first line must be the header 'period,count' (or 'time,count'), found '2024-05-01 10:00:00,5'")]
    [InlineData("time,count\n0,1\n120,1\n60,1\n", "t.csv:4:1: load.phases[0].file: timestamp is not after the previous row's (line 3); rows must be in time order without duplicates")]
    [InlineData("time,count\n0,1\n5,1\n", "t.csv:3:1: load.phases[0].file: rows are 5 s apart; replay needs per-minute (60 s) or per-second (1 s) counts")]
    [InlineData("time,count\n0,1\n60,1\n150,1\n", "t.csv:4:1: load.phases[0].file: timestamp is 90 s after the previous row, not a whole number of minutes")]
    public void Refuses_malformed_traces_with_their_line(string text, string expected)
    {
        var (trace, problems) = Parse(text);
        Assert.Null(trace);
        Assert.Equal([expected], problems);
    }

    [Fact]
    public void Reads_the_shared_worldcup_trace_whole()
    {
        var path = Path.Combine(ExampleScenariosTests.ScenariosDir, "..", "..", "shared", "traces", "worldcup98-requests-per-minute.csv");
        if (!File.Exists(path)) path = "/work/shared/traces/worldcup98-requests-per-minute.csv";
        Assert.True(File.Exists(path), "the shared WorldCup98 trace is part of the project's data");
        var trace = ReplayTraceReader.Read(path);
        Assert.Equal(TimeSpan.FromMinutes(1), trace.Interval);
        // 125,300 rows over 125,310 minutes: the trace itself misses 10 minutes (e.g. 1998-05-08 03:22), which count as 0.
        Assert.Equal(125_310, trace.Counts.Count);
        Assert.Equal(10, trace.Counts.Count(c => c == 0));
        Assert.Equal(229_426, trace.Counts.Max());
    }
}
