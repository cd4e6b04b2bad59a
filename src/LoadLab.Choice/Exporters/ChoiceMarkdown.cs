using System.Text;
using LoadLab.Choice.Model;

namespace LoadLab.Choice.Exporters;

/// <summary><c>choice.md</c>: the verdict, the candidates, the prices with their source and date, the warnings.</summary>
public static class ChoiceMarkdown
{
    public const string FileName = "choice.md";

    public static string Render(ChoiceFile c)
    {
        var s = new StringBuilder();
        s.Append("# Which instance type: the cheapest configuration that holds the SLO\n\n");
        s.Append("**").Append(Escape(c.Verdict)).Append("**\n\n");
        s.Append("Region ").Append(Escape(c.Region)).Append("; traffic: ").Append(Escape(c.Traffic)).Append(". A backtest holds the SLO with at most max(")
         .Append(Reporting.Exporters.Fmt.N(c.AllowedViolationMinutes, 1)).Append(", ")
         .Append(Reporting.Exporters.Fmt.Pct(c.AllowedViolationFraction, 1)).Append(" of its minutes) SLO-violation minutes.\n\n");
        Table(s, ChoiceTables.CandidateHeader, ChoiceTables.CandidateRows(c));
        s.Append("\n## Prices used\n\n");
        Table(s, ChoiceTables.PriceHeader, ChoiceTables.PriceRows(c));
        if (c.Warnings.Count > 0)
        {
            s.Append("\n## Warnings\n\n");
            foreach (var w in c.Warnings) s.Append("- ").Append(Escape(w)).Append('\n');
        }
        return s.ToString();
    }

    private static void Table(StringBuilder s, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        s.Append("| ").Append(string.Join(" | ", header.Select(Escape))).Append(" |\n");
        s.Append('|').Append(string.Concat(header.Select(_ => "---|"))).Append('\n');
        foreach (var r in rows) s.Append("| ").Append(string.Join(" | ", r.Select(Escape))).Append(" |\n");
    }

    // A user's names go into table cells: a pipe or a newline would break the table.
    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ');
}
