using LoadLab.Reporting.Model;

namespace LoadLab.Reporting.Exporters;

/// <summary>
/// The verdict's one-line status, the same words in report.html, summary.md and the console: the badge and why
/// (failed thresholds, and a closed-loop check whose SLO did not hold). Plain text: callers escape.
/// </summary>
public static class StatusLine
{
    public static (string Badge, string Detail) Of(Verdict v)
    {
        int failed = v.Thresholds.Count(t => !t.Passed), total = v.Thresholds.Count;
        var thresholds = v.ThresholdStatus switch
        {
            "unknown" => "run.json could not be read, so the thresholds are unknown.",
            _ when total == 0 => "The scenario declares no thresholds.",
            _ when failed == 0 => $"All {total} thresholds passed.",
            _ => $"{failed} of {total} thresholds failed: {string.Join(", ", v.Thresholds.Where(t => !t.Passed).Select(t => t.Expression))}.",
        };
        var badge = v.Status switch { "pass" => "PASS", "fail" => "FAIL", "no_thresholds" => "NO THRESHOLDS", _ => "UNKNOWN" };
        return ClosedLoop(v) is { } loop ? (badge, thresholds + " " + loop) : (badge, thresholds);
    }

    /// <summary>"The closed-loop check held." / "The closed-loop check failed: reasons."; null without one.</summary>
    public static string? ClosedLoop(Verdict v) => v.ClosedLoop switch
    {
        null => null,
        { SloHeld: true } => "The closed-loop check held.",
        var c => "The closed-loop check failed: " + (c.Reasons.Count > 0 ? string.Join("; ", c.Reasons) : "the SLO did not hold while the fleet scaled") + ".",
    };
}
