namespace LoadLab.Engine.Targets;

/// <summary>
/// Sends one request to the system under test. Implementations are thread-safe, hold their payloads in memory, and
/// NEVER throw for request failures: every failure (status, timeout, refused connection) is an outcome to count.
/// </summary>
public interface ILoadTarget : IAsyncDisposable
{
    /// <summary>Short description for run.json and progress (never includes credentials).</summary>
    string Describe();

    /// <param name="sequence">The request's index in the schedule: selects the payload (rotated per request).</param>
    /// <param name="cancellationToken">Per-request timeout token; cancellation is reported as <see cref="OutcomeClass.Timeout"/>.</param>
    ValueTask<RequestOutcome> SendAsync(long sequence, CancellationToken cancellationToken);
}
