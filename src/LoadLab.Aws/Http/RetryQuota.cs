namespace LoadLab.Aws.Http;

/// <summary>The standard mode's token bucket: retries spend tokens, successes earn some back. Thread-safe.</summary>
public sealed class RetryQuota(int capacity)
{
    private readonly Lock _lock = new();
    private int _available = capacity;

    public int Capacity { get; } = capacity;
    public int Available { get { lock (_lock) return _available; } }

    public bool TryAcquire(int amount)
    {
        lock (_lock)
        {
            if (amount > _available) return false;
            _available -= amount;
            return true;
        }
    }

    public void Release(int amount)
    {
        lock (_lock) _available = Math.Min(Capacity, _available + amount);
    }
}
