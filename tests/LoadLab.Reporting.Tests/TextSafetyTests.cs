using AngleSharp.Html.Parser;
using LoadLab.Core.Json;
using LoadLab.Core.RunFiles;
using LoadLab.Core.Text;
using LoadLab.Reporting.Tests.Fixtures;

namespace LoadLab.Reporting.Tests;

/// <summary>A run file cannot drive the terminal or reorder what the reader of report.html and summary.md sees.</summary>
public sealed class TextSafetyTests
{
    private const string Hostile = "demo\u001b]0;pwned\u0007\u001b[2J\r\u202Eexe.txt\u2066x";

    [Fact]
    public void Control_and_bidi_characters_become_visible_stand_ins()
    {
        Assert.Equal("demo␛]0;pwned␇␛[2J␍<U+202E>exe.txt<U+2066>x", SafeText.Neutralize(Hostile));
        Assert.Equal("a\tb\nc", SafeText.Neutralize("a\tb\nc"));
        Assert.Equal("x<U+009B>y␡", SafeText.Neutralize("x\u009by\u007f"));
    }

    [Fact]
    public void The_terminal_writer_neutralises_every_sequence_colours_included_and_keeps_only_loadlabs_own_colours()
    {
        var sink = new StringWriter();
        var w = new TerminalSafeWriter(sink);
        // A run file's string: its colour would fake LoadLab's green verdict, so it is shown, not obeyed.
        w.WriteLine("\u001b[32mPASS\u001b[0m " + Hostile);
        // LoadLab's own coloured text (file-sourced parts neutralised where it was composed) keeps its colours only.
        w.WriteOwnColours("\u001b[32m+ add " + SafeText.Neutralize("\u001b[8mhidden") + "\u001b[0m\u001b]0;t\u0007\n");
        Assert.Equal("␛[32mPASS␛[0m demo␛]0;pwned␇␛[2J␍<U+202E>exe.txt<U+2066>x" + Environment.NewLine
                     + "\u001b[32m+ add ␛[8mhidden\u001b[0m␛]0;t␇\n", sink.ToString());
    }

    [Fact]
    public void Report_html_and_summary_md_carry_no_control_or_bidi_character_from_run_json()
    {
        var dir = FixtureRun.Create(new FixtureRun.Options { ScenarioName = Hostile });
        var run = LoadLabJson.Deserialize<RunInfo>(File.ReadAllText(Path.Combine(dir, "run.json")));
        Assert.Equal(Hostile, run.ScenarioName);
        ReportService.Write(dir);
        foreach (var file in new[] { "report.html", "summary.md" })
        {
            var text = File.ReadAllText(Path.Combine(dir, file));
            Assert.DoesNotContain(text, c => c is '\u001b' or '\u0007' or '\u202e' or '\u2066' or '\r');
            Assert.Contains("&lt;U+202E&gt;exe.txt", text);
        }
        var doc = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(dir, "report.html")));
        Assert.Equal("demo␛]0;pwned␇␛[2J␍<U+202E>exe.txt<U+2066>x", doc.QuerySelector("h1")!.TextContent);
        Directory.Delete(dir, true);
    }
}
