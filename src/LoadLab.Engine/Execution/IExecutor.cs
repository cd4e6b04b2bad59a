namespace LoadLab.Engine.Execution;

/// <summary>Runs the load of one model (open or closed) and tracks what is still in flight.</summary>
public interface IExecutor
{
    long InFlight { get; }

    /// <summary>Sends until the load is done or <paramref name="stopSending"/> fires; does not wait for in-flight requests.</summary>
    Task RunAsync(long startTimestamp, CancellationToken stopSending);
}
