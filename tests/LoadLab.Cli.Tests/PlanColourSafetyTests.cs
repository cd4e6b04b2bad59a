using LoadLab.Apply.Model;
using LoadLab.Apply.Planning;
using LoadLab.Core.Json;
using LoadLab.Core.Ports;
using LoadLab.Core.RunFiles;
using LoadLab.Core.Text;
using LoadLab.TestSupport;

namespace LoadLab.Cli.Tests;

/// <summary>
/// The apply plan is the one place LoadLab paints its own colours around strings from files and AWS: on the terminal
/// its green, yellow and red stay, and a name that carries a colour, a title or a bidi override of its own does not.
/// </summary>
public sealed class PlanColourSafetyTests
{
    private const string Hostile = "evil\u001b[32m PASS\u001b[0m\u001b]0;pwned\u0007\u202Eexe";

    [Fact]
    public void On_the_terminal_the_plan_keeps_loadlabs_colours_and_shows_a_hostile_name_neutralised()
    {
        using var dir = new TempDir("loadlab-plan-colour");
        var recommendation = LoadLabJson.Deserialize<RecommendationFile>(File.ReadAllText(ApplyStack.WriteRecommendation(dir.File("recommendation.json"), "ep")));
        var desired = DesiredConfig.FromRecommendation(recommendation);
        var plan = new ScalingPlan(desired.Key, desired, new ScalingConfigState(),
            [new ResourceChange(ResourceKind.ScalingPolicy, Hostile, ChangeAction.Create, [new FieldChange("PolicyName", null, Hostile)], Note: Hostile)]);

        var sink = new StringWriter();
        TerminalSafeWriter.WriteOwnColours(new TerminalSafeWriter(sink), PlanRenderer.Render(plan, color: true));
        var text = sink.ToString();

        Assert.Contains("\u001b[32m  + scaling policy evil␛[32m PASS␛[0m␛]0;pwned␇<U+202E>exe\u001b[0m", text);
        Assert.Contains("      + PolicyName: evil␛[32m PASS␛[0m", text);
        Assert.DoesNotContain('\u0007', text);
        Assert.DoesNotContain('\u202e', text);
        // Every ESC left is one of LoadLab's own: green for the addition, dim for the note, and the resets.
        Assert.Equal(text.Split("\u001b[").Length - 1,
            new[] { "\u001b[32m", "\u001b[2m", "\u001b[0m" }.Sum(code => text.Split(code).Length - 1));
    }
}
