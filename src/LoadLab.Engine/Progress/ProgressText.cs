using System.Globalization;

namespace LoadLab.Engine.Progress;

/// <summary>How progress and the run summary write latencies and durations (one way, for every renderer).</summary>
public static class ProgressText
{
    public static string Ms(double ms) => double.IsNaN(ms) ? "-" : ms.ToString(ms < 10 ? "0.00" : "0", CultureInfo.InvariantCulture) + "ms";

    public static string Format(TimeSpan t) =>
        t.TotalHours >= 1 ? t.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : t.ToString(@"m\:ss", CultureInfo.InvariantCulture);
}
