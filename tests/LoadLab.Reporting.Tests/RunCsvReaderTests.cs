using LoadLab.Core.Errors;
using LoadLab.Core.RunFiles;
using LoadLab.Reporting.Tests.Fixtures;

namespace LoadLab.Reporting.Tests;

/// <summary>Tests of Core's <see cref="TimelineCsv"/> and <see cref="StepsCsv"/>, which the report reads the CSV files through.</summary>
public sealed class RunCsvReaderTests
{
    [Fact]
    public void Steps_round_trip_through_snake_case_csv()
    {
        var rows = new[]
        {
            new StepRow { Step = 3, StartUtc = FixtureRun.Start, EndUtc = FixtureRun.Start.AddMinutes(3), OfferedRps = 40, AchievedRps = 39.5,
                Requests = 6000, Ok = 5990, Errors = 10, ErrorRateFraction = 0.002, ClientP50Ms = 41.25, ClientP90Ms = 60.5, ClientP99Ms = 99.125,
                Instances = 2, InvocationsPerInstancePerMin = 1200, ServerModelLatencyMs = 30.5, CpuPct = 80 },
        };
        var path = Path.GetTempFileName();
        FixtureRun.WriteCsv(path, rows);
        var back = StepsCsv.Read(path);
        Assert.Equal(rows[0], Assert.Single(back));
        File.Delete(path);
    }

    [Fact]
    public void Columns_match_by_normalised_name_and_unknown_columns_are_ignored()
    {
        var csv = "TimeUtc,Offered,Ok,Err_5xx,p90_ms,extra column\n2026-11-27T10:00:00.000Z,10,9,1,55.5,whatever\n";
        var row = Assert.Single(TimelineCsv.Parse("timeline.csv", csv));
        Assert.Equal(FixtureRun.Start, row.TimeUtc);
        Assert.Equal(10, row.Offered);
        Assert.Equal(1, row.Err5xx);
        Assert.Equal(55.5, row.P90Ms);
        Assert.Equal(1, row.Errors);
    }

    [Fact]
    public void Bad_cell_names_file_line_column_and_field()
    {
        var csv = "time_utc,offered\n2026-11-27T10:00:00Z,10\n2026-11-27T10:00:01Z,1O\n";
        var e = Assert.Throws<UserInputException>(() => TimelineCsv.Parse("timeline.csv", csv));
        var p = Assert.Single(e.Problems);
        // The column is the character where the cell starts, as an editor counts it.
        Assert.Equal(("timeline.csv", 3, 22, "offered"), (p.File, p.Line, p.Column, p.Field));
    }

    [Fact]
    public void Missing_required_column_and_ragged_rows_are_bad_input()
    {
        Assert.Contains("time_utc", Assert.Throws<UserInputException>(() => TimelineCsv.Parse("t.csv", "offered\n1\n")).Message);
        Assert.Contains("expected 2 cells", Assert.Throws<UserInputException>(() => TimelineCsv.Parse("t.csv", "time_utc,offered\n2026-11-27T10:00:00Z\n")).Message);
        Assert.Contains("empty", Assert.Throws<UserInputException>(() => StepsCsv.Parse("s.csv", "\n\n")).Message);
    }
}
