using System.Globalization;

namespace LoadLab.SimEndpoint.Options;

public enum ServiceTimeKind { Fixed, Exponential, LogNormal }

/// <summary>
/// A service-time distribution as the <c>--service-time</c> flag spells it:
/// <c>fixed:20ms</c>, <c>exp:20ms</c> (mean), <c>lognormal:20ms,cv=0.5</c> (mean and coefficient of variation).
/// </summary>
public sealed record ServiceTimeSpec(ServiceTimeKind Kind, TimeSpan Mean, double Cv)
{
    public static ServiceTimeSpec Default { get; } = new(ServiceTimeKind.LogNormal, TimeSpan.FromMilliseconds(20), 0.5);

    public double MeanSeconds => Mean.TotalSeconds;

    /// <summary>Squared coefficient of variation: 0 fixed, 1 exponential, cv² lognormal.</summary>
    public double Scv => Kind switch { ServiceTimeKind.Fixed => 0, ServiceTimeKind.Exponential => 1, _ => Cv * Cv };

    public static bool TryParse(string? text, out ServiceTimeSpec spec, out string error)
    {
        spec = Default;
        error = "";
        if (string.IsNullOrWhiteSpace(text)) { error = "is empty; expected e.g. fixed:20ms, exp:20ms or lognormal:20ms,cv=0.5"; return false; }
        var colon = text.IndexOf(':');
        if (colon < 0) { error = $"'{text}' has no kind; expected fixed:<mean>, exp:<mean> or lognormal:<mean>,cv=<cv>"; return false; }
        var kindText = text[..colon].Trim().ToLowerInvariant();
        var parts = text[(colon + 1)..].Split(',', StringSplitOptions.TrimEntries);
        ServiceTimeKind kind;
        switch (kindText)
        {
            case "fixed": kind = ServiceTimeKind.Fixed; break;
            case "exp": case "exponential": kind = ServiceTimeKind.Exponential; break;
            case "lognormal": kind = ServiceTimeKind.LogNormal; break;
            default: error = $"unknown kind '{kindText}'; expected fixed, exp or lognormal"; return false;
        }
        if (!DurationText.TryParse(parts[0], out var mean)) { error = $"mean '{parts[0]}' is not a duration like 20ms"; return false; }
        double cv = kind == ServiceTimeKind.Exponential ? 1 : 0;
        foreach (var p in parts.Skip(1))
        {
            if (kind == ServiceTimeKind.LogNormal && p.StartsWith("cv=", StringComparison.OrdinalIgnoreCase)
                && double.TryParse(p[3..], NumberStyles.Float, CultureInfo.InvariantCulture, out var c) && c > 0 && c <= 10)
                cv = c;
            else { error = $"'{p}' is not understood here (only lognormal takes cv=<0..10], e.g. lognormal:20ms,cv=0.5)"; return false; }
        }
        if (kind == ServiceTimeKind.LogNormal && cv <= 0) cv = 0.5;
        if (kind != ServiceTimeKind.Fixed && mean <= TimeSpan.Zero) { error = $"{kindText} needs a mean above zero (use fixed:0ms for no service time)"; return false; }
        if (mean > TimeSpan.FromMinutes(10)) { error = "mean above 10m is not a real-time endpoint"; return false; }
        spec = new ServiceTimeSpec(kind, mean, cv);
        return true;
    }

    public override string ToString() => Kind switch
    {
        ServiceTimeKind.Fixed => $"fixed:{DurationText.Format(Mean)}",
        ServiceTimeKind.Exponential => $"exp:{DurationText.Format(Mean)}",
        _ => $"lognormal:{DurationText.Format(Mean)},cv={Cv.ToString(CultureInfo.InvariantCulture)}",
    };

    /// <summary>
    /// Draws one service time in seconds from two uniforms in (0,1): pure, so the live fleet and the
    /// discrete-event model in <c>--describe</c> share one definition of the distribution.
    /// </summary>
    public double SampleSeconds(double u1, double u2)
    {
        var m = Mean.TotalSeconds;
        switch (Kind)
        {
            case ServiceTimeKind.Fixed: return m;
            case ServiceTimeKind.Exponential: return -m * Math.Log(u1);
            default:
                // Lognormal with mean m and cv: sigma² = ln(1+cv²), mu = ln m − sigma²/2.
                var s2 = Math.Log(1 + Cv * Cv);
                var mu = Math.Log(m) - s2 / 2;
                var z = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
                return Math.Exp(mu + Math.Sqrt(s2) * z);
        }
    }
}
