using LoadLab.Analysis.Steps;
using LoadLab.Core.RunFiles;

namespace LoadLab.Analysis.Tests;

public class CutStepsTests
{
    private static (RunInfo Run, List<StepRow> Steps) Stopped(double stopAfterSteadyS)
    {
        var t0 = Synthetic.T0;
        var windows = new List<StepWindow>
        {
            new(0, 0, 10, t0, t0.AddSeconds(10), t0.AddSeconds(60)),
            new(1, 0, 20, t0.AddSeconds(60), t0.AddSeconds(70), t0.AddSeconds(70 + stopAfterSteadyS)) { PlannedEndUtc = t0.AddSeconds(120) },
        };
        var run = Synthetic.Run(0) with { Steps = windows };
        var rows = windows.Select(w => new StepRow { Step = w.Index, StartUtc = w.SteadyStartUtc, EndUtc = w.EndUtc, OfferedRps = w.TargetRate, AchievedRps = w.TargetRate, Requests = 10, Ok = 10 }).ToList();
        return (run, rows);
    }

    [Fact]
    public void A_step_the_stop_cut_within_the_minimum_hold_is_left_out_with_the_reason()
    {
        var (run, rows) = Stopped(3);
        var usable = CutSteps.LeaveOutShort(run, rows);
        Assert.Equal([0], usable.Steps.Select(s => s.Step));
        var reason = Assert.Single(usable.Reasons);
        Assert.Equal("step 1: left out, the run stopped 3 s into its steady part (planned 50 s; at least 5 s after the warm-up are needed)", reason.Text);
    }

    [Fact]
    public void A_cut_step_that_held_the_minimum_and_every_whole_step_are_kept()
    {
        var (run, rows) = Stopped(CutSteps.MinSteadyHoldS);
        var usable = CutSteps.LeaveOutShort(run, rows);
        Assert.Equal([0, 1], usable.Steps.Select(s => s.Step));
        Assert.Empty(usable.Reasons);
    }
}
