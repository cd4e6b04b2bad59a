using System.Text;
using LoadLab.Compare.Model;
using LoadLab.Reporting.Exporters;

namespace LoadLab.Compare.Exporters;

/// <summary><c>compare.md</c>: the verdict and the tables, for a pull request comment.</summary>
public static class CompareMarkdown
{
    public const string FileName = "compare.md";

    public static string Render(ComparisonResult c)
    {
        var md = new StringBuilder();
        md.Append("# LoadLab comparison: ").Append(Cell(c.Scenario)).Append("\n\n");
        md.Append("**").Append(Cell(CompareTables.Headline(c))).Append("**\n\n");
        md.Append("- baseline: `").Append(Code(c.Baseline.Directory)).Append("` (seed ").Append(c.Baseline.Seed)
          .Append(", ").Append(Fmt.Time(c.Baseline.StartUtc)).Append(")\n");
        md.Append("- run: `").Append(Code(c.Run.Directory)).Append("` (seed ").Append(c.Run.Seed)
          .Append(", ").Append(Fmt.Time(c.Run.StartUtc)).Append(")\n");
        md.Append("- significance level: ").Append(Fmt.N(c.SignificanceLevelFraction, 4))
          .Append(" (one-sided; latency by the Mann–Whitney U test on the histograms, errors by the two-proportion z test)\n");
        foreach (var n in c.Notes) md.Append("- note: ").Append(Cell(n)).Append('\n');
        Table(md, "Thresholds", CompareTables.CheckHeader, CompareTables.CheckRows(c));
        Table(md, "Latency and errors, step by step", CompareTables.ScopeHeader, CompareTables.ScopeRows(c));
        Table(md, "Analysis and recommendation", CompareTables.AnalysisHeader, CompareTables.AnalysisRows(c));
        return md.ToString();
    }

    /// <summary>A Markdown table with a heading; cells are escaped.</summary>
    public static void Table(StringBuilder md, string title, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        md.Append("\n## ").Append(title).Append("\n\n| ").Append(string.Join(" | ", header.Select(Cell))).Append(" |\n|");
        md.Append(string.Concat(header.Select(_ => "---|"))).Append('\n');
        foreach (var row in rows) md.Append("| ").Append(string.Join(" | ", row.Select(Cell))).Append(" |\n");
    }

    /// <summary>Table-safe text: no line breaks, pipes and markup characters escaped.</summary>
    public static string Cell(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var ch in s)
        {
            if (ch is '\r' or '\n') { sb.Append(' '); continue; }
            if (char.IsControl(ch)) continue;
            if (ch is '|' or '\\' or '*' or '_' or '`' or '<' or '>' or '[' or ']') sb.Append('\\');
            sb.Append(ch);
        }
        return sb.ToString();
    }

    private static string Code(string s) => new(s.Where(ch => ch != '`' && !char.IsControl(ch)).ToArray());
}
