using LoadLab.Core.Errors;
using LoadLab.Core.RunFiles;
using LoadLab.Core.RunFiles.Csv;

namespace LoadLab.Core.Tests;

/// <summary>The one CSV layer: what the run files look like byte for byte, and how a bad cell is located.</summary>
public sealed class RunCsvTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    private static StepRow Step(int n) => new()
    {
        Step = n, StartUtc = T0, EndUtc = T0.AddMinutes(3), OfferedRps = 40, AchievedRps = 39.5, Requests = 6000, Ok = 5990,
        Errors = 10, ErrorRateFraction = 10 / 6000.0, ClientP50Ms = 41.25, ClientP90Ms = double.NaN, ClientP99Ms = 99.125,
    };

    private const string StepsHeader =
        "step,start_utc,end_utc,offered_rps,achieved_rps,requests,ok,errors,dropped,error_rate_fraction,client_p50_ms,client_p90_ms,client_p99_ms," +
        "client_slo_percentile_ms,instances,invocations_per_instance_per_min,server_model_latency_ms,server_overhead_latency_ms,cpu_pct";

    [Fact]
    public void Steps_are_written_as_the_engine_always_wrote_them()
    {
        // The bytes the hand-written writer produced before the CSV layer; analysis, report and golden files rely on them.
        Assert.Equal(StepsHeader + "\n" +
            "1,2026-11-27T10:00:00.000Z,2026-11-27T10:03:00.000Z,40,39.5,6000,5990,10,0,0.002,41.25,,99.125,,,,,,\n",
            StepsCsv.Format([Step(1)]));
        Assert.Equal(StepsHeader + "\n", StepsCsv.Format([]));
    }

    [Fact]
    public void A_timeline_row_is_written_as_before_and_reads_back()
    {
        var path = Path.GetTempFileName();
        var row = new TimelineRow { TimeUtc = T0, Offered = 10, Started = 10, Completed = 9, Ok = 8, Err5xx = 1, InFlight = 1, P50Ms = 12.5, P90Ms = 20, P99Ms = double.NaN };
        using (var w = new TimelineCsv.Writer(path)) w.Append(row);
        Assert.Equal(
            "time_utc,offered,started,completed,ok,err_model,err_throttle,err_5xx,err_4xx,err_timeout,err_connection,dropped,late,in_flight,p50_ms,p90_ms,p99_ms\n" +
            "2026-11-27T10:00:00.000Z,10,10,9,8,0,0,1,0,0,0,0,0,1,12.5,20,\n", File.ReadAllText(path));
        var back = Assert.Single(TimelineCsv.Read(path));
        Assert.Equal(row with { P99Ms = double.NaN }, back);
        File.Delete(path);
    }

    [Fact]
    public void An_instance_status_with_a_comma_is_quoted_and_reads_back()
    {
        var text = InstanceSamplesCsv.Write([new InstanceCountSample(T0, 2, 1, "Updating, slowly")]);
        Assert.Equal("time_utc,desired,current,status\n2026-11-27T10:00:00.000Z,2,1,\"Updating, slowly\"\n", text);
        Assert.Equal("Updating, slowly", Assert.Single(InstanceSamplesCsv.Parse("instances.csv", text)).Status);
    }

    [Theory]
    [InlineData("NaN", "'NaN' is not a finite number")]
    [InlineData("Infinity", "'Infinity' is not a finite number")]
    [InlineData("-5", "'-5' is negative")]
    [InlineData("fast", "'fast' is not a valid number")]
    public void A_rate_that_is_not_a_finite_non_negative_number_is_located(string cell, string message)
    {
        var text = StepsCsv.Format([Step(1), Step(2)]).Replace("\n2,2026-11-27T10:00:00.000Z,2026-11-27T10:03:00.000Z,40,", $"\n2,2026-11-27T10:00:00.000Z,2026-11-27T10:03:00.000Z,{cell},");
        var p = Assert.Single(Assert.Throws<UserInputException>(() => StepsCsv.Parse("steps.csv", text)).Problems);
        Assert.Equal(("steps.csv", 3, 53, "offered_rps", message), (p.File, p.Line, p.Column, p.Field, p.Message));
    }

    [Fact]
    public void An_error_rate_above_one_a_fractional_count_and_an_empty_step_are_located()
    {
        string With(string column, string value)
        {
            var lines = StepsCsv.Format([Step(1)]).Split('\n');
            var i = StepsHeader.Split(',').ToList().IndexOf(column);
            var cells = lines[1].Split(',');
            cells[i] = value;
            lines[1] = string.Join(',', cells);
            return string.Join('\n', lines);
        }
        Problem Of(string text) => Assert.Single(Assert.Throws<UserInputException>(() => StepsCsv.Parse("steps.csv", text)).Problems);
        Assert.Equal(("error_rate_fraction", "1.5 is not a fraction between 0 and 1"), (Of(With("error_rate_fraction", "1.5")).Field, Of(With("error_rate_fraction", "1.5")).Message));
        Assert.Equal(("requests", "'12.5' is not a whole number"), (Of(With("requests", "12.5")).Field, Of(With("requests", "12.5")).Message));
        Assert.Equal(("step", "the value is empty"), (Of(With("step", "")).Field, Of(With("step", "")).Message));
    }

    [Fact]
    public void Older_column_names_still_read_and_are_filled_in_place()
    {
        var text = "step,start_utc,end_utc,error_rate,cpu_percent\n1,2026-11-27T10:00:00.000Z,2026-11-27T10:03:00.000Z,0.25,40\n";
        var row = Assert.Single(StepsCsv.Parse("steps.csv", text));
        Assert.Equal((0.25, 40.0), (row.ErrorRateFraction, row.CpuPct!.Value));
        var sheet = CsvSheet.Parse("steps.csv", text);
        StepsCsv.FillServerColumns(sheet, [row with { CpuPct = 50 }]);
        Assert.StartsWith("step,start_utc,end_utc,error_rate,cpu_percent,instances,", sheet.ToCsv());
        Assert.Contains(",0.25,50,", sheet.ToCsv());
    }

    [Fact]
    public void Quoted_cells_comments_and_blank_lines_are_read_as_csv()
    {
        var text = "# written by hand\ntime_utc,offered,note\n\n\"2026-11-27T10:00:00Z\",\"10\",\"a, b\"\n   \n";
        var row = Assert.Single(TimelineCsv.Parse("t.csv", text));
        Assert.Equal((T0, 10L), (row.TimeUtc, row.Offered));
    }

    [Fact]
    public void An_unclosed_quote_is_bad_input_with_its_line()
    {
        var e = Assert.Throws<UserInputException>(() => TimelineCsv.Parse("t.csv", "time_utc,offered\n2026-11-27T10:00:00Z,\"10\n"));
        var p = Assert.Single(e.Problems);
        Assert.Equal(("t.csv", 2), (p.File, p.Line));
        Assert.Contains("not valid CSV", p.Message);
    }

    [Fact]
    public void A_folder_where_the_file_should_be_is_bad_input_naming_it()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        var e = Assert.Throws<UserInputException>(() => StepsCsv.Read(dir));
        Assert.Equal($"{dir}: is a folder; a file was expected", Assert.Single(e.Problems).ToString());
        Directory.Delete(dir);
    }

    [Fact]
    public void Enrichment_fills_server_columns_and_keeps_every_other_cell()
    {
        var text = "step,start_utc,end_utc,engine_note\n1,2026-11-27T10:00:00.000Z,2026-11-27T10:03:00.000Z,\"kept, as is\"\n";
        var sheet = CsvSheet.Parse("steps.csv", text);
        StepsCsv.FillServerColumns(sheet, [Step(1) with { Instances = 2, CpuPct = 55.5 }]);
        Assert.Equal("step,start_utc,end_utc,engine_note,instances,invocations_per_instance_per_min,server_model_latency_ms,server_overhead_latency_ms,cpu_pct\n" +
            "1,2026-11-27T10:00:00.000Z,2026-11-27T10:03:00.000Z,\"kept, as is\",2,,,,55.5\n", sheet.ToCsv());
    }
}
