using LoadLab.Core.Errors;
using LoadLab.Core.Text;

namespace LoadLab.Core.Tests.Text;

/// <summary>The one parser behind report --format and compare --format.</summary>
public class FormatListTests
{
    [Flags]
    public enum Kinds { None = 0, Html = 1, Markdown = 2, Json = 4, All = Html | Markdown | Json }

    private static readonly (Kinds, string[])[] Known = [(Kinds.Html, ["html"]), (Kinds.Markdown, ["md", "markdown"]), (Kinds.Json, ["json"])];

    [Theory]
    [InlineData(null, Kinds.All)]
    [InlineData(" ", Kinds.All)]
    [InlineData("all", Kinds.All)]
    [InlineData("html", Kinds.Html)]
    [InlineData("MD; json", Kinds.Markdown | Kinds.Json)]
    [InlineData("markdown,html md", Kinds.Html | Kinds.Markdown)]
    public void Names_separated_by_commas_spaces_or_semicolons_add_up(string? text, Kinds expected) =>
        Assert.Equal(expected, FormatList.Parse(text, Known, Kinds.All, "--format", ""));

    [Fact]
    public void An_unknown_name_is_bad_input_naming_the_flag_the_field_and_the_names_it_knows()
    {
        var e = Assert.Throws<UserInputException>(() => FormatList.Parse("html,pdf", Known, Kinds.All, "--format", "html,pdf"));
        var p = Assert.Single(e.Problems);
        Assert.Equal(("--format", "html,pdf"), (p.File, p.Field));
        Assert.Equal("unknown format 'pdf' (expected a comma-separated list of html, md, json)", p.Message);
    }
}
