using LoadLab.Apply.Planning;

namespace LoadLab.Apply.Tests;

/// <summary>The events an apply reports, kept in order (the service prints nothing; the CLI's printer is tested there).</summary>
public sealed class RecordedEvents : IProgress<ApplyEvent>
{
    private readonly List<ApplyEvent> _all = [];

    public IReadOnlyList<ApplyEvent> All
    {
        get { lock (_all) return [.. _all]; }
    }

    public void Report(ApplyEvent value)
    {
        lock (_all) _all.Add(value);
    }

    /// <summary>The plan as the command shows it.</summary>
    public string PlanText => string.Concat(All.OfType<PlanReady>().Select(p => PlanRenderer.Render(p.Plan)));

    public RestoringPriorState Restoring => Assert.Single(All.OfType<RestoringPriorState>());
}
