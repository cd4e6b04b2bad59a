using System.Globalization;

namespace LoadLab.Core.Scenarios.Loading;

/// <summary>Range checks shared by the sections; each records its problem at the field and returns the value read.</summary>
internal sealed partial class ScenarioReader
{
    /// <summary>No phase may last longer than this (a year: even a whole trace replayed in real time fits).</summary>
    private static readonly TimeSpan MaxPhase = TimeSpan.FromDays(366);

    private static double? Positive(YamlFields f, string key, bool required = false)
    {
        var v = f.Number(key, required);
        if (v is <= 0) f.Problem(key, $"must be > 0; got {Num(v.Value)}");
        return v;
    }

    private static double? NonNegative(YamlFields f, string key, bool required = false)
    {
        var v = f.Number(key, required);
        if (v is < 0) f.Problem(key, $"must be >= 0; got {Num(v.Value)}");
        return v;
    }

    private static TimeSpan? PositiveDuration(YamlFields f, string key, bool required = false)
    {
        var v = f.Duration(key, required);
        if (v is { } d && d <= TimeSpan.Zero) f.Problem(key, "must be longer than 0");
        else if (v > MaxPhase)
        {
            f.Problem(key, $"is longer than {MaxPhase.TotalDays:0} days");
            return null;
        }
        return v;
    }

    private static void WholeUsers(YamlFields f, string key, double? value)
    {
        if (value is { } v && v != Math.Floor(v))
            f.Problem(key, $"the closed model counts virtual users: must be a whole number, got {Num(v)}");
    }

    private static string Num(double v)
    {
        var text = v.ToString("0.######", CultureInfo.InvariantCulture);
        // Tiny values must not print as "0" in a message that complains about them.
        return text is "0" or "-0" && v != 0 ? v.ToString("G6", CultureInfo.InvariantCulture) : text;
    }
}
