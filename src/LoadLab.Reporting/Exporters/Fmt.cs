using System.Globalization;

namespace LoadLab.Reporting.Exporters;

/// <summary>Invariant-culture formatting for every number and time a report shows.</summary>
public static class Fmt
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>A number with at most <paramref name="decimals"/> decimals; "–" for null or NaN, "∞" for infinity.</summary>
    public static string N(double? v, int decimals = 1)
    {
        if (v is not { } d || double.IsNaN(d)) return "–";
        if (double.IsPositiveInfinity(d)) return "∞";
        if (double.IsNegativeInfinity(d)) return "-∞";
        return d.ToString("#,0." + new string('#', decimals), C);
    }

    public static string I(long? v) => v is { } x ? x.ToString("#,0", C) : "–";

    /// <summary>A fraction (0-1, the <c>_fraction</c> fields) as a percentage: 0.25 → "25 %".</summary>
    public static string Pct(double? fraction, int decimals = 2) => fraction is { } f ? PctOf(f * 100, decimals) : "–";

    /// <summary>A value already in percent (0-100, the <c>_pct</c> fields): 25 → "25 %".</summary>
    public static string PctOf(double? percent, int decimals = 2) =>
        percent is { } p && !double.IsNaN(p) ? p.ToString("0." + new string('#', decimals), C) + " %" : "–";

    public static string Money(double? v) => v is { } d && !double.IsNaN(d) ? "$" + d.ToString("#,0.00", C) : "–";

    public static string Time(DateTimeOffset? t) =>
        t is { } x ? x.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", C) : "–";

    public static string Duration(TimeSpan d) =>
        d.TotalHours >= 1 ? $"{(int)d.TotalHours}h {d.Minutes:00}m {d.Seconds:00}s"
        : d.TotalMinutes >= 1 ? $"{(int)d.TotalMinutes}m {d.Seconds:00}s"
        : $"{d.TotalSeconds.ToString("0.#", C)}s";

    public static string Seconds(int? s) => s is { } x ? x.ToString(C) + " s" : "–";

    /// <summary>Percentile label: 50 → "p50", 99.9 → "p99.9", 100 → "max".</summary>
    public static string Percentile(double p) => p >= 100 ? "max" : "p" + p.ToString("0.###", C);
}
