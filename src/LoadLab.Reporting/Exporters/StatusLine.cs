using LoadLab.Reporting.Model;

namespace LoadLab.Reporting.Exporters;

/// <summary>
/// The verdict's one-line status, the same words in report.html, summary.md and the console: the badge, then the
/// thresholds and the SLO apart ("Thresholds: pass (3/3) · SLO: broken at steps 5–6 (...)"), then the closed-loop
/// check. The badge follows the thresholds and the closed-loop check; the SLO is shown beside them, never hidden by a
/// pass. Plain text: callers escape.
/// </summary>
public static class StatusLine
{
    public static (string Badge, string Detail) Of(Verdict v)
    {
        var badge = v.Status switch { "pass" => "PASS", "fail" => "FAIL", "no_thresholds" => "NO THRESHOLDS", _ => "UNKNOWN" };
        var parts = new List<string> { Thresholds(v), "SLO: " + Slo(v.SloCheck) };
        if (ClosedLoop(v) is { } loop) parts.Add(loop);
        return (badge, string.Join(" · ", parts));
    }

    public static string Thresholds(Verdict v)
    {
        int failed = v.Thresholds.Count(t => !t.Passed), total = v.Thresholds.Count;
        return v.ThresholdStatus switch
        {
            "unknown" => "Thresholds: unknown (run.json could not be read)",
            _ when total == 0 => "Thresholds: none declared",
            _ when failed == 0 => $"Thresholds: pass ({total}/{total})",
            _ => $"Thresholds: fail ({failed} of {total} failed: {string.Join(", ", v.Thresholds.Where(t => !t.Passed).Select(t => t.Expression))})",
        };
    }

    /// <summary>"held at all 7 steps", "broken at steps 5–6 (...)", "not judged (...)".</summary>
    public static string Slo(SloCheck c) => c.Status switch
    {
        "held" => $"held at all {c.StepsJudged} steps",
        "broken" => $"broken at {Steps(c.BrokenSteps)}" + (c.PastCapacityByDesign ? " (the test design drives past capacity on purpose)" : ""),
        _ => "not judged (no SLO or no steady steps)",
    };

    /// <summary>"The closed-loop check held." / "The closed-loop check failed: reasons."; null without one.</summary>
    public static string? ClosedLoop(Verdict v) => v.ClosedLoop switch
    {
        null => null,
        { SloHeld: true } => "Closed-loop check: held",
        var c => "Closed-loop check: failed (" + (c.Reasons.Count > 0 ? string.Join("; ", c.Reasons) : "the SLO did not hold while the fleet scaled") + ")",
    };

    /// <summary>"step 5", "steps 5–6", "steps 2, 5–7".</summary>
    public static string Steps(IReadOnlyList<int> steps)
    {
        var runs = new List<string>();
        for (int i = 0; i < steps.Count;)
        {
            int j = i;
            while (j + 1 < steps.Count && steps[j + 1] == steps[j] + 1) j++;
            runs.Add(j == i ? $"{steps[i]}" : $"{steps[i]}–{steps[j]}");
            i = j + 1;
        }
        return (steps.Count == 1 ? "step " : "steps ") + string.Join(", ", runs);
    }
}
