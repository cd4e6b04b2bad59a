using LoadLab.Core.RunFiles;
using LoadLab.Core.Scenarios;
using LoadLab.Engine.Recording;
using LoadLab.Engine.Targets;

namespace LoadLab.Engine.Tests;

public sealed class StepRowBuilderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(95.0)]
    [InlineData(97.5)]
    [InlineData(99.9)]
    public void The_slo_percentile_column_is_the_steps_own_histogram_at_the_slos_percentile(double percentile)
    {
        // 1,000 successes at 1..1000 ms: every percentile is its own distinct value, so p95 cannot pass for p99.
        var recorder = new RunRecorder(stepCount: 1);
        var expected = Histograms.Create();
        for (var ms = 1; ms <= 1000; ms++)
        {
            recorder.Offered(0);
            recorder.Completed(RequestOutcome.Ok(200), ms * 1000L, ms * 1000L, steadyStep: 0);
            expected.RecordValue(ms * 1000L);
        }
        recorder.Completed(new RequestOutcome(OutcomeClass.ServerError, 503), 5_000_000, 0, steadyStep: 0);

        var row = Assert.Single(StepRowBuilder.Build(recorder, [new ProfileStep(0, 0, 100, 0, 1, 11)], T0, percentile));

        Assert.Equal(expected.GetValueAtPercentile(percentile) / 1000.0, row.ClientSloPercentileMs);
        Assert.InRange(row.ClientSloPercentileMs!.Value, percentile * 10 * 0.999, percentile * 10 * 1.001);
        Assert.NotEqual(row.ClientP99Ms, row.ClientSloPercentileMs);
        Assert.Equal(1000, row.Ok);
        Assert.Equal(1, row.Errors);
    }

    [Fact]
    public void A_step_without_a_success_has_no_slo_percentile_and_steps_csv_leaves_the_cell_empty()
    {
        var recorder = new RunRecorder(stepCount: 1);
        recorder.Offered(0);
        recorder.Completed(new RequestOutcome(OutcomeClass.ServerError, 503), 1000, 0, steadyStep: 0);

        var rows = StepRowBuilder.Build(recorder, [new ProfileStep(0, 0, 1, 0, 0, 10)], T0, 95);
        var csv = StepsCsv.Format(rows).Split('\n');

        Assert.Null(rows[0].ClientSloPercentileMs);
        var column = Array.IndexOf(csv[0].Split(','), "client_slo_percentile_ms");
        Assert.True(column >= 0, csv[0]);
        Assert.Equal("", csv[1].Split(',')[column]);
    }
}
