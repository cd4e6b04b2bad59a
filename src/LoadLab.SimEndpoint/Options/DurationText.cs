using System.Globalization;

namespace LoadLab.SimEndpoint.Options;

/// <summary>Parses and prints durations the way the flags spell them: <c>250us</c>, <c>20ms</c>, <c>1.5s</c>, <c>2m</c>, <c>1h</c>, or <c>0</c>.</summary>
public static class DurationText
{
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.Trim().ToLowerInvariant();
        if (s == "0") return true;
        (string unit, double ticksPerUnit)[] units =
        [
            ("us", TimeSpan.TicksPerMillisecond / 1000.0), ("ms", TimeSpan.TicksPerMillisecond),
            ("s", TimeSpan.TicksPerSecond), ("m", TimeSpan.TicksPerMinute), ("h", TimeSpan.TicksPerHour),
        ];
        foreach (var (unit, ticks) in units)
        {
            if (!s.EndsWith(unit, StringComparison.Ordinal)) continue;
            var number = s[..^unit.Length];
            // "ms" also ends with "s": only accept when the rest is a number.
            if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var n)) continue;
            if (n < 0 || double.IsNaN(n) || double.IsInfinity(n) || n * ticks > TimeSpan.MaxValue.Ticks) return false;
            value = TimeSpan.FromTicks((long)Math.Round(n * ticks));
            return true;
        }
        return false;
    }

    public static string Format(TimeSpan t)
    {
        if (t == TimeSpan.Zero) return "0s";
        if (t.Ticks % TimeSpan.TicksPerSecond == 0) return ((long)t.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s";
        return t.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + "ms";
    }
}
