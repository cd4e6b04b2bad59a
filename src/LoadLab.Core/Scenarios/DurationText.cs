using System.Globalization;
using System.Text;

namespace LoadLab.Core.Scenarios;

/// <summary>
/// Durations as written in scenario files: one or more number+unit parts, largest unit first, e.g. <c>500ms</c>,
/// <c>30s</c>, <c>1.5s</c>, <c>5m</c>, <c>2h</c>, <c>1h30m</c>, <c>1d</c>. Units: us, ms, s, m, h, d. A bare <c>0</c> is zero.
/// A bare non-zero number is refused: "30" could mean seconds or milliseconds, and guessing wrong silently
/// changes a test by a factor of 1000.
/// </summary>
public static class DurationText
{
    private static readonly (string Unit, double Seconds)[] Units =
        [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1), ("ms", 1e-3), ("us", 1e-6)];

    public static TimeSpan Parse(string text) =>
        TryParse(text, out var value, out var error) ? value : throw new FormatException(error);

    /// <summary>Parses a duration; on failure <paramref name="error"/> says what is wrong in words a user can act on.</summary>
    public static bool TryParse(string? text, out TimeSpan value, out string error)
    {
        value = TimeSpan.Zero;
        error = "";
        var s = text?.Trim() ?? "";
        if (s.Length == 0)
        {
            error = "expected a duration like 30s, 5m or 1h30m";
            return false;
        }
        if (s == "0") return true;
        if (s.Any(char.IsWhiteSpace))
        {
            error = $"'{s}' is not a duration (write it without spaces, e.g. 500ms, 30s, 5m, 1h30m)";
            return false;
        }
        if (s.StartsWith('-'))
        {
            error = $"'{s}' is negative; durations must be positive";
            return false;
        }
        double total = 0;
        var previousRank = -1;
        var i = 0;
        while (i < s.Length)
        {
            var start = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.')) i++;
            if (i == start)
            {
                error = $"'{s}' is not a duration (expected e.g. 500ms, 30s, 5m, 2h, 1h30m)";
                return false;
            }
            if (!double.TryParse(s.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                error = $"'{s}' is not a duration (bad number '{s[start..i]}')";
                return false;
            }
            var unitStart = i;
            while (i < s.Length && char.IsAsciiLetter(s[i])) i++;
            var unit = s[unitStart..i];
            if (unit.Length == 0)
            {
                error = i >= s.Length && start == 0
                    ? $"'{s}' has no unit; write e.g. {s}s or {s}ms"
                    : $"'{s}' is not a duration (a number without a unit)";
                return false;
            }
            var rank = Array.FindIndex(Units, u => u.Unit == unit);
            if (rank < 0)
            {
                error = $"'{s}' has an unknown unit '{unit}' (use us, ms, s, m, h or d)";
                return false;
            }
            if (rank <= previousRank)
            {
                error = $"'{s}' is not a duration (write units largest first, each once, e.g. 1h30m)";
                return false;
            }
            previousRank = rank;
            total += number * Units[rank].Seconds;
        }
        if (total > TimeSpan.MaxValue.TotalSeconds / 2)
        {
            error = $"'{s}' is too long";
            return false;
        }
        // Round to whole ticks (100 ns): "1.1s" must be exactly 1.1 s, not 1.0999999 s.
        value = TimeSpan.FromTicks((long)Math.Round(total * TimeSpan.TicksPerSecond));
        return true;
    }

    /// <summary>Shortest exact text for a duration, e.g. 3m40s, 1h30m, 500ms, 1.5s; "0s" for zero.</summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero) return "0s";
        var sb = new StringBuilder();
        if (value < TimeSpan.Zero)
        {
            sb.Append('-');
            value = value.Negate();
        }
        if (value < TimeSpan.FromSeconds(1))
            return sb.Append(value.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture)).Append("ms").ToString();
        var days = (long)value.TotalDays;
        if (days > 0) sb.Append(days).Append('d');
        if (value.Hours > 0) sb.Append(value.Hours).Append('h');
        if (value.Minutes > 0) sb.Append(value.Minutes).Append('m');
        var seconds = value.Seconds + (value.Ticks % TimeSpan.TicksPerSecond) / (double)TimeSpan.TicksPerSecond;
        if (seconds > 0) sb.Append(seconds.ToString("0.###", CultureInfo.InvariantCulture)).Append('s');
        return sb.ToString();
    }
}
