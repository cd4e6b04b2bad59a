using System.Globalization;
using LoadLab.Core.RunFiles;

namespace LoadLab.Reporting.Exporters;

/// <summary>The closed-loop check's tables for both the HTML and the Markdown, as plain text cells (exporters escape).</summary>
public static class ClosedLoopTables
{
    /// <summary>"endpoint clock, x6 real time", or null at real time.</summary>
    public static string? ClockNote(VerifyFile f) =>
        f.TimeScale != 1 ? $"endpoint clock, x{Fmt.N(f.TimeScale, 2)} real time" : null;

    /// <summary>The heading of the comparison: what the numbers are, and what they are not.</summary>
    public const string EvidenceHeading = "Model agreement on this stack: observed vs simulate predicted";

    /// <summary>What the closed-loop check shows and what it does not, said the same way in HTML and Markdown.</summary>
    public static IReadOnlyList<string> Evidence(VerifyFile f)
    {
        var aws = f.Observer.StartsWith("AWS", StringComparison.Ordinal);
        var model = f.Prediction is { } p
            ? $"LoadLab's model (simulate) was given only the analysis's fitted fleet and the policy's instance startup ({Fmt.N(p.StartupS, 0)} s, from {p.StartupSource}), never the endpoint's own settings, so each error below is the model's."
            : "There is no prediction to compare with (verify ran without --policy or without its analysis.json).";
        return aws
            ?
            [
                "What it checks: the installed policy scaled this endpoint under this load, as observed through DescribeEndpoint and DescribeScalingActivities. " + model,
                "What it does not check: traffic other than this run's, or the same endpoint on another day (startup and CloudWatch delivery vary).",
            ]
            :
            [
                "What it checks: the policy, installed through Application Auto Scaling's API, scaled the local sim endpoint's fleet under this load. The sim's autoscaling emulation keeps timing of its own that the model does not share (a delay between each metric period and the action on it, and its own instance-startup spread). " + model,
                "What it does not check: AWS itself. Real alarm timing, instance startup and CloudWatch delivery are only measured by loadlab verify against the real endpoint; this is model agreement on this stack, not proof about AWS.",
            ];
    }

    /// <summary>What happened against what `simulate` predicted for the same traffic and policy; null without a prediction.</summary>
    public static ReportTables.Table? Comparison(VerifyFile f)
    {
        if (f.Prediction is not { } p) return null;
        var v = f.Verdict;
        string[] header = ["", "Observed", "Predicted by simulate", "Error (observed − predicted)"];
        IReadOnlyList<string>[] rows =
        [
            ["First scale-out after the load step", Secs(v.TimeToFirstScaleOutS), Secs(p.TimeToFirstScaleOutS), Signed(p.FirstScaleOutErrorS, " s")],
            ["Minutes over the SLO", I(v.ViolationMinutes), I(p.ViolationMinutes), Signed(p.ViolationMinutesError, "")],
            ["Peak instances (desired)", v.MaxDesiredInstances is { } d ? I(d) : "–", I(p.PeakInstances), Signed(p.PeakInstancesError, "")],
        ];
        return new ReportTables.Table(header, [false, true, true, true], rows);
    }

    /// <summary>One row per minute of the endpoint's clock.</summary>
    public static ReportTables.Table Minutes(VerifyFile f)
    {
        // IPI offered: the client's requests per in-service instance; IPI published: the endpoint's metric, what the policy saw.
        string[] header = ["Minute", "Offered", $"{Fmt.Percentile(f.Slo.LatencyPercentile)} ms", "Errors", "Desired / in service", "IPI offered", "IPI published", "Over the SLO"];
        var rows = f.Timeline.Select(m => (IReadOnlyList<string>)
        [
            m.MinuteUtc.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture), Fmt.I(m.Offered), Fmt.N(m.LatencyMs),
            m.Errors == 0 ? "0" : $"{Fmt.I(m.Errors)} ({Fmt.Pct(m.ErrorRateFraction)})",
            $"{m.DesiredInstances?.ToString(CultureInfo.InvariantCulture) ?? "–"} / {m.InServiceInstances?.ToString(CultureInfo.InvariantCulture) ?? "–"}",
            Fmt.N(m.InvocationsPerInstance, 0), Fmt.N(m.MetricInvocationsPerInstance, 0), m.Violation ? "✗ over" : "",
        ]).ToList();
        return new ReportTables.Table(header, [false, true, true, true, true, true, true, false], rows);
    }

    /// <summary>The scaling activities as AWS (or the sim) recorded them.</summary>
    public static ReportTables.Table Activities(VerifyFile f)
    {
        string[] header = ["Start (UTC)", "Description", "Cause", "Status"];
        var rows = f.ScalingActivities.Select(a => (IReadOnlyList<string>)
        [
            Fmt.Time(a.StartTime), a.Description ?? "", a.Cause ?? "",
            a.StatusCode + (string.IsNullOrEmpty(a.StatusMessage) ? "" : $" ({a.StatusMessage})"),
        ]).ToList();
        return new ReportTables.Table(header, [false, false, false, false], rows);
    }

    public static string Secs(double? s) => s is { } x ? Fmt.N(x) + " s" : "–";

    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string Signed(double? v, string unit) =>
        v is { } x ? (x > 0 ? "+" : "") + Fmt.N(x) + unit : "–";
}
