using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using LoadLab.Reporting.Model;

namespace LoadLab.Reporting.Exporters;

/// <summary>
/// <c>report.junit.xml</c>: the verdict as JUnit XML, the way Jenkins, GitLab and GitHub test reporters read it. One
/// testsuite; one testcase per threshold, one for the SLO per step, one for the closed-loop check. A failure's
/// message carries what was observed against what was allowed; a check that does not apply (no SLO, no steps, no
/// verify.json) is skipped with the reason, never passed.
/// </summary>
public sealed class JunitExporter : IReportExporter
{
    public const string JunitFileName = "report.junit.xml";

    public ReportFormats Format => ReportFormats.Junit;
    public string FileName => JunitFileName;

    public string Render(ReportModel m)
    {
        var v = m.Verdict;
        var scenario = Text(m.ScenarioName);
        var cases = new List<XElement>();
        foreach (var t in v.Thresholds)
            cases.Add(Case($"loadlab.thresholds.{scenario}", t.Expression, t.Passed ? null
                : $"threshold '{t.Expression}' failed: observed {Num(t.Observed)} ({t.Detail})"));
        if (v.Thresholds.Count == 0)
            cases.Add(Case($"loadlab.thresholds.{scenario}", "thresholds", null,
                skipped: m.Run.Value is null ? "run.json could not be read: the thresholds are not known" : "the scenario declares no thresholds"));

        cases.Add(SloCase(v, scenario));
        cases.Add(ClosedLoopCase(m, scenario));

        var failures = cases.Count(c => c.Element("failure") is not null);
        var skipped = cases.Count(c => c.Element("skipped") is not null);
        var duration = m.Run.Value is { EndUtc: { } end, StartUtc: var start } ? Math.Max(0, (end - start).TotalSeconds) : 0;
        var suite = new XElement("testsuite",
            new XAttribute("name", $"loadlab {scenario}"),
            new XAttribute("tests", cases.Count),
            new XAttribute("failures", failures),
            new XAttribute("errors", 0),
            new XAttribute("skipped", skipped),
            new XAttribute("time", Num(duration)),
            new XAttribute("timestamp", (m.Run.Value?.StartUtc ?? m.GeneratedUtc ?? DateTimeOffset.UnixEpoch).UtcDateTime
                .ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)),
            Properties(m),
            cases);
        var root = new XElement("testsuites",
            new XAttribute("name", $"loadlab {scenario}"),
            new XAttribute("tests", cases.Count), new XAttribute("failures", failures), new XAttribute("errors", 0),
            new XAttribute("skipped", skipped), new XAttribute("time", Num(duration)),
            suite);
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + root + "\n";
    }

    private static XElement SloCase(Verdict v, string scenario)
    {
        const string name = "SLO held in every steady step";
        var cls = $"loadlab.slo.{scenario}";
        var slo = v.Slo;
        var sloText = slo is null ? "" : $"p{Num(slo.LatencyPercentile)} <= {Num(slo.LatencyMs)} ms, errors <= {Num(slo.MaxErrorRateFraction * 100)} %";
        return v.SloCheck.Status switch
        {
            "held" => Case(cls, name, null, output: $"SLO {sloText}: held in all {v.SloCheck.StepsJudged} steps"),
            // A ladder that drives past capacity breaks the SLO in its last steps by design: that is the limit it measures.
            "broken" when v.SloCheck.PastCapacityByDesign => Case(cls, name, null,
                output: $"SLO {sloText} held until the ladder went past capacity, broken in its last {v.SloCheck.BrokenSteps.Count} of {v.SloCheck.StepsJudged} steps (by design): {string.Join("; ", v.SloCheck.Details)}"),
            "broken" => Case(cls, name,
                $"SLO {sloText} broken in {v.SloCheck.BrokenSteps.Count} of {v.SloCheck.StepsJudged} steps: {string.Join("; ", v.SloCheck.Details)}"),
            _ => Case(cls, name, null, skipped: slo is null ? "no SLO: neither analysis.json nor run.json states one" : "no steady steps to judge (steps.csv missing or empty)"),
        };
    }

    private static XElement ClosedLoopCase(ReportModel m, string scenario)
    {
        const string name = "closed-loop check: SLO held while the fleet scaled";
        var cls = $"loadlab.closed_loop.{scenario}";
        if (m.Verdict.ClosedLoop is not { } c)
            return Case(cls, name, m.Verify.Missing ? null : $"{m.Verify.FileName} could not be read: {m.Verify.Problem}",
                skipped: m.Verify.Missing ? "not run: no verify.json in the run directory or its verify/ folder" : null);
        var observed = $"{c.ViolationMinutes} minute(s) over the SLO (allowed {c.Allowed}), first scale-out after {Secs(c.TimeToFirstScaleOutS)}, " +
                       $"recovery after {Secs(c.TimeToRecoveryS)}, instances {c.InitialInstances?.ToString(CultureInfo.InvariantCulture) ?? "?"} to {c.PeakInServiceInstances?.ToString(CultureInfo.InvariantCulture) ?? "?"} in service";
        return c.SloHeld
            ? Case(cls, name, null, output: $"held: {observed} ({c.Source})")
            : Case(cls, name, $"the SLO did not hold: {observed}" + (c.Reasons.Count > 0 ? $"; {string.Join("; ", c.Reasons)}" : "") + $" ({c.Source})");
    }

    private static XElement Properties(ReportModel m)
    {
        var props = new XElement("properties");
        void Add(string name, string? value)
        {
            if (value is not null) props.Add(new XElement("property", new XAttribute("name", name), new XAttribute("value", Text(value))));
        }
        Add("run_directory", m.Verdict.RunDirectory);
        Add("seed", m.Verdict.Seed?.ToString(CultureInfo.InvariantCulture));
        Add("tool_version", m.ReportVersion);
        Add("status", m.Verdict.Status);
        return props;
    }

    private static XElement Case(string classname, string name, string? failure, string? skipped = null, string? output = null)
    {
        var e = new XElement("testcase", new XAttribute("classname", Text(classname)), new XAttribute("name", Text(name)), new XAttribute("time", "0"));
        if (skipped is not null) e.Add(new XElement("skipped", new XAttribute("message", Text(skipped))));
        if (failure is not null) e.Add(new XElement("failure", new XAttribute("message", Text(failure)), new XAttribute("type", "loadlab"), Text(failure)));
        if (output is not null) e.Add(new XElement("system-out", Text(output)));
        return e;
    }

    private static string Secs(double? s) => s is { } x ? Num(x) + " s" : "never";

    private static string Num(double v) => double.IsFinite(v) ? v.ToString("0.###", CultureInfo.InvariantCulture) : v.ToString(CultureInfo.InvariantCulture);

    /// <summary>Drops what XML 1.0 cannot hold (control characters from a run file would make the whole file unreadable).</summary>
    private static string Text(string s) => new(s.Where(XmlConvert.IsXmlChar).ToArray());
}
