using System.Globalization;

namespace LoadLab.Core.RunFiles;

/// <summary>Invariant-culture CSV primitives shared by every CSV LoadLab writes and reads.</summary>
public static class CsvFormat
{
    public static string Number(double v) =>
        double.IsNaN(v) ? "" : v.ToString("0.###", CultureInfo.InvariantCulture);

    public static string Number(double? v) => v is { } d ? Number(d) : "";

    public static string Count(long v) => v.ToString(CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static double? ParseNumber(string s) =>
        string.IsNullOrWhiteSpace(s) ? null : double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTime(string s) =>
        DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
