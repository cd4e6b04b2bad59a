using LoadLab.Core.Scenarios;

namespace LoadLab.Engine.Execution;

/// <summary>Which steady step (after warm-up) an offset falls in, or -1.</summary>
internal sealed class StepLookup(IReadOnlyList<ProfileStep> steps)
{
    public int Count => steps.Count;

    /// <summary>For an arrival already tagged with its step: the step if the offset is past its warm-up.</summary>
    public int Steady(int step, double seconds) =>
        step >= 0 && seconds >= steps[step].SteadyStartSeconds && seconds < steps[step].EndSeconds ? step : -1;

    public int SteadyAt(double seconds)
    {
        int lo = 0, hi = steps.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            var s = steps[mid];
            if (seconds < s.StartSeconds) hi = mid - 1;
            else if (seconds >= s.EndSeconds) lo = mid + 1;
            else return seconds >= s.SteadyStartSeconds ? mid : -1;
        }
        return -1;
    }
}
