namespace LoadLab.Engine.Running;

/// <summary>The latest instance count the DescribeEndpoint sampler saw, for the per-second progress snapshot.</summary>
internal sealed class LiveInstances
{
    private int _current = -1;

    public int? Current => Volatile.Read(ref _current) is var n && n >= 0 ? n : null;

    public void Set(int current) => Volatile.Write(ref _current, current);
}
