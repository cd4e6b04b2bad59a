using System.Text.RegularExpressions;

namespace LoadLab.Core.Tests.Architecture;

/// <summary>Files that earn their size, and comments that say why rather than point at a tracker.</summary>
public partial class SourceShapeTests
{
    private const int MaxLines = 400;

    [Fact]
    public void No_source_file_in_any_src_project_is_over_400_lines()
    {
        var src = Path.Combine(DependencyRuleTests.RepoRoot(), "src");
        var tooLong = SourceFiles(src, "*.cs")
            .Select(f => (File: Path.GetRelativePath(src, f), Lines: File.ReadAllLines(f).Length))
            .Where(x => x.Lines > MaxLines).Select(x => $"{x.File}: {x.Lines} lines").ToList();
        Assert.Empty(tooLong);
    }

    [Fact]
    public void No_comment_in_src_or_tests_cites_an_issue_number()
    {
        var root = DependencyRuleTests.RepoRoot();
        var citing = new[] { "src", "tests" }
            .SelectMany(d => new[] { "*.cs", "*.csproj" }.SelectMany(p => SourceFiles(Path.Combine(root, d), p)))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(root, f), Line: i + 1, Text: line)))
            .Where(x => IssueCitation().IsMatch(x.Text) && (x.Text.Contains("//", StringComparison.Ordinal) || x.Text.Contains("<!--", StringComparison.Ordinal)))
            .Select(x => $"{x.File}:{x.Line}: {x.Text.Trim()}").ToList();
        Assert.Empty(citing);
    }

    [Fact]
    public void The_citation_pattern_finds_what_it_is_meant_to()
    {
        // Split so that this file does not cite one itself.
        Assert.Matches(IssueCitation(), "<!-- check its target (issu" + "es 5 and 6). -->");
        Assert.Matches(IssueCitation(), "// see issu" + "e #12");
        Assert.DoesNotMatch(IssueCitation(), "/// IAM key moto issued, so every stage resolves them");
    }

    private static IEnumerable<string> SourceFiles(string dir, string pattern) =>
        Directory.EnumerateFiles(dir, pattern, SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    [GeneratedRegex(@"\bissues?\s+#?\d", RegexOptions.IgnoreCase)]
    private static partial Regex IssueCitation();
}
