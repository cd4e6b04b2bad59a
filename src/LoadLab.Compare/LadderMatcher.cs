using System.Globalization;
using LoadLab.Compare.Loading;
using LoadLab.Core.Errors;
using LoadLab.Core.RunFiles;

namespace LoadLab.Compare;

/// <summary>
/// Refuses a baseline that cannot be compared with the run: another scenario, another load model, or another
/// ladder (steps are matched by index and offered rate, so both must have the same steps). Every mismatch found is
/// reported at once, located in the run's run.json.
/// </summary>
public static class LadderMatcher
{
    /// <summary>Relative tolerance on offered rates (run.json writes them as computed from the scenario).</summary>
    private const double RateTolerance = 1e-6;

    public static void EnsureComparable(RunSnapshot baseline, RunSnapshot run)
    {
        var runJson = new RunDirectory(run.Directory).RunJson;
        var baseJson = new RunDirectory(baseline.Directory).RunJson;
        var problems = new List<Problem>();
        if (!string.Equals(baseline.Info.ScenarioName, run.Info.ScenarioName, StringComparison.Ordinal))
            problems.Add(Problem.General(runJson, "scenario_name",
                $"the run is of scenario '{run.Info.ScenarioName}', the baseline ({baseJson}) of '{baseline.Info.ScenarioName}': compare runs of one scenario"));
        if (!string.Equals(baseline.Info.LoadModel, run.Info.LoadModel, StringComparison.OrdinalIgnoreCase))
            problems.Add(Problem.General(runJson, "load_model",
                $"the run's load model is '{run.Info.LoadModel}', the baseline's '{baseline.Info.LoadModel}'"));
        if (baseline.Steps.Count != run.Steps.Count)
            problems.Add(Problem.General(runJson, "steps",
                $"the run has {run.Steps.Count} steady steps, the baseline ({baseJson}) {baseline.Steps.Count}: the ladders differ"));
        else
            for (int i = 0; i < run.Steps.Count; i++)
            {
                StepWindow b = baseline.Steps[i].Window, r = run.Steps[i].Window;
                if (b.Index != r.Index || !SameRate(b.TargetRate, r.TargetRate))
                    problems.Add(Problem.General(runJson, $"steps[{i}]",
                        $"step {r.Index} offers {Rate(r.TargetRate)}/s, the baseline's step {b.Index} {Rate(b.TargetRate)}/s: the ladders differ"));
            }
        if (problems.Count > 0) throw new UserInputException(problems);
    }

    private static bool SameRate(double a, double b) => Math.Abs(a - b) <= RateTolerance * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));

    private static string Rate(double r) => r.ToString("0.###", CultureInfo.InvariantCulture);
}
