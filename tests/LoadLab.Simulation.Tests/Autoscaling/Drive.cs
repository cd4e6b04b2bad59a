using LoadLab.Simulation.Autoscaling;

namespace LoadLab.Simulation.Tests.Autoscaling;

/// <summary>Drives an autoscaler minute by minute with hand-written metric values; the fleet follows instantly.</summary>
internal sealed class Drive
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
    public Autoscaler Scaler { get; }
    public int Minute { get; private set; }
    /// <summary>Desired capacity after the evaluation at the end of each minute (index = minute + 1 = evaluation time).</summary>
    public List<int> DesiredAt { get; } = [];

    public Drive(ScalingConfiguration config, int initial, AutoscalerOptions? options = null)
    {
        Scaler = new Autoscaler(config, initial, T0, options);
        DesiredAt.Add(Scaler.DesiredCapacity);
    }

    /// <summary>Publishes one datapoint per metric for the current minute, then evaluates at the minute's end.</summary>
    public int Feed(params (string Metric, double? Value)[] values)
    {
        var start = T0.AddMinutes(Minute);
        foreach (var (metric, value) in values) Scaler.Observe(metric, start, value);
        Minute++;
        var d = Scaler.Evaluate(T0.AddMinutes(Minute), new FleetView(Scaler.DesiredCapacity, Updating: false));
        DesiredAt.Add(d.DesiredCapacity);
        return d.DesiredCapacity;
    }

    public int Ipi(double? value) => Feed((SimMetrics.InvocationsPerInstance, value));

    public void Ipi(double? value, int minutes)
    {
        for (var i = 0; i < minutes; i++) Ipi(value);
    }

    /// <summary>Evaluation times (minutes after T0) at which the desired capacity changed, with the new value.</summary>
    public List<(int Minute, int Capacity)> Changes()
    {
        var list = new List<(int, int)>();
        for (var i = 1; i < DesiredAt.Count; i++)
            if (DesiredAt[i] != DesiredAt[i - 1]) list.Add((i, DesiredAt[i]));
        return list;
    }
}
