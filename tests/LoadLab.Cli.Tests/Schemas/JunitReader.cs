using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace LoadLab.Cli.Tests.Schemas;

/// <summary>One testcase as a CI server reads it.</summary>
public sealed record JunitCase(string ClassName, string Name, string Outcome, string? Message);

/// <summary>
/// Reads JUnit XML strictly, as a CI server would: validated against the JUnit schema (junit.xsd beside this file)
/// with an XmlReader that fails on the first error, then the counts checked against the testcases, which is how
/// Jenkins and GitLab summarise a suite.
/// </summary>
public static class JunitReader
{
    private static readonly Lazy<XmlSchemaSet> Schema = new(() =>
    {
        var set = new XmlSchemaSet();
        set.Add(null, Path.Combine(AppContext.BaseDirectory, "Schemas", "junit.xsd"));
        set.Compile();
        return set;
    });

    public static IReadOnlyList<JunitCase> Read(string path)
    {
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = Schema.Value, DtdProcessing = DtdProcessing.Prohibit };
        settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.ValidationEventHandler += (_, e) => throw new XmlSchemaValidationException($"{path}:{e.Exception?.LineNumber}: {e.Message}");
        XDocument doc;
        using (var reader = XmlReader.Create(path, settings)) doc = XDocument.Load(reader);

        var cases = new List<JunitCase>();
        foreach (var suite in doc.Root!.Elements("testsuite"))
        {
            var suiteCases = suite.Elements("testcase").Select(c => new JunitCase(
                (string)c.Attribute("classname")!, (string)c.Attribute("name")!,
                c.Element("failure") is not null ? "failed" : c.Element("error") is not null ? "error" : c.Element("skipped") is not null ? "skipped" : "passed",
                (string?)c.Element("failure")?.Attribute("message") ?? (string?)c.Element("skipped")?.Attribute("message"))).ToList();
            Assert.Equal(suiteCases.Count, Int(suite, "tests"));
            Assert.Equal(suiteCases.Count(c => c.Outcome == "failed"), Int(suite, "failures"));
            Assert.Equal(suiteCases.Count(c => c.Outcome == "error"), Int(suite, "errors"));
            if (suite.Attribute("skipped") is not null) Assert.Equal(suiteCases.Count(c => c.Outcome == "skipped"), Int(suite, "skipped"));
            cases.AddRange(suiteCases);
        }
        if (doc.Root.Attribute("tests") is not null) Assert.Equal(cases.Count, Int(doc.Root, "tests"));
        if (doc.Root.Attribute("failures") is not null) Assert.Equal(cases.Count(c => c.Outcome == "failed"), Int(doc.Root, "failures"));
        return cases;
    }

    private static int Int(XElement e, string attribute) => int.Parse((string)e.Attribute(attribute)!, CultureInfo.InvariantCulture);
}
