using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using LoadLab.Compare.Model;

namespace LoadLab.Compare.Exporters;

/// <summary>
/// <c>compare.junit.xml</c>: one testsuite, one testcase per regression threshold. A regressed threshold is a
/// failure whose message names each scope with its observed value, limit and p-value; a broken but not significant
/// one passes and says so in its system-out.
/// </summary>
public static class CompareJunit
{
    public const string FileName = "compare.junit.xml";

    public static string Render(ComparisonResult c)
    {
        var suite = new XElement("testsuite",
            new XAttribute("name", Text($"loadlab compare {c.Scenario}")),
            new XAttribute("tests", c.Thresholds.Count),
            new XAttribute("failures", c.Thresholds.Count(t => t.Regression)),
            new XAttribute("errors", 0),
            new XAttribute("timestamp", c.Run.StartUtc.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)));
        foreach (var t in c.Thresholds)
        {
            var testcase = new XElement("testcase", new XAttribute("classname", Text($"loadlab.compare.{c.Scenario}")), new XAttribute("name", t.Expression));
            var lines = t.Checks.Select(Line).ToList();
            if (t.Regression)
                testcase.Add(new XElement("failure",
                    new XAttribute("message", "regression: " + string.Join("; ", t.Checks.Where(k => k.Regression).Select(Line))),
                    new XAttribute("type", "regression"),
                    string.Join("\n", lines)));
            else testcase.Add(new XElement("system-out", string.Join("\n", lines)));
            suite.Add(testcase);
        }
        var doc = new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement("testsuites", suite));
        return doc.Declaration + "\n" + doc.Root!.ToString() + "\n";
    }

    private static string Line(ThresholdCheck k) =>
        $"{k.Scope}: observed {Num(k.ObservedValue)} {k.Unit}, limit {Num(k.LimitValue)} {k.Unit} (baseline {Num(k.BaselineValue)} {k.Unit}), " +
        $"p-value {(k.PValue is { } p ? CompareTables.PValue(p) : "–")}: {CompareTables.Verdict(k)}";

    /// <summary>Drops the characters XML 1.0 cannot hold (control characters from a file would make the report unreadable).</summary>
    public static string Text(string s) => new(s.Where(XmlConvert.IsXmlChar).ToArray());

    private static string Num(double? v) => v is { } d ? d.ToString("0.####", CultureInfo.InvariantCulture) : "–";
}
