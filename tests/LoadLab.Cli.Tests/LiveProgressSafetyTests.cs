using LoadLab.Cli.Progress;
using Spectre.Console;

namespace LoadLab.Cli.Tests;

/// <summary>The live panel writes to the terminal through Spectre, past the CLI's safe writer, so it neutralises file strings itself.</summary>
public class LiveProgressSafetyTests
{
    [Fact]
    public void Control_sequences_and_bidi_overrides_from_a_scenario_never_reach_the_terminal_raw()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, Out = new AnsiConsoleOutput(output) });
        var progress = new LiveProgress(console, TimeProvider.System);

        progress.Started("evil\u001b]0;pwned\u0007name\u202e", "http://127.0.0.1/\u001b[2J", "reports/x", TimeSpan.FromSeconds(1));
        progress.Warning("warning \u001b[31mred\u202e");
        progress.Finished("done");

        var text = output.ToString();
        Assert.DoesNotContain('\u001b', text);
        Assert.DoesNotContain('\u0007', text);
        Assert.DoesNotContain('\u202e', text);
        Assert.Contains("evil", text);
    }
}
