using LoadLab.Engine.Progress;

namespace LoadLab.Telemetry.Sinks;

/// <summary>
/// One progress port for many receivers (the console and the live outputs), in order. A receiver that throws does
/// not stop the others: the port's contract is that progress never fails the run.
/// </summary>
public sealed class FanOutProgress(IReadOnlyList<IRunProgress> receivers) : IRunProgress
{
    public void Started(string scenario, string target, string runDirectory, TimeSpan duration) =>
        Each(r => r.Started(scenario, target, runDirectory, duration));

    public void Report(ProgressSnapshot snapshot) => Each(r => r.Report(snapshot));

    public void Finished(string summary) => Each(r => r.Finished(summary));

    public void Warning(string message) => Each(r => r.Warning(message));

    public void Event(RunEvent runEvent) => Each(r => r.Event(runEvent));

    private void Each(Action<IRunProgress> call)
    {
        foreach (var r in receivers)
        {
            try { call(r); }
            catch (Exception e) when (e is not OutOfMemoryException) { /* a display's failure is not the run's */ }
        }
    }
}
