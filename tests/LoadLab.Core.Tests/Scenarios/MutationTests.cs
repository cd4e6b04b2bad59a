using LoadLab.Core.Scenarios;

namespace LoadLab.Core.Tests.Scenarios;

/// <summary>
/// "Never a stack trace for bad input": seeded random damage to every example scenario must come back as located
/// problems (or a valid scenario), never as an exception.
/// </summary>
public class MutationTests
{
    private const string Noise = ":{}[]-,\"' \t\n#&*!|>%@`0123456789aeprs";

    private static string Mutate(string text, Random random)
    {
        var lines = text.Split('\n').ToList();
        for (var k = random.Next(1, 4); k > 0; k--)
        {
            switch (random.Next(5))
            {
                case 0 when text.Length > 0:
                    text = text.Remove(random.Next(text.Length), 1);
                    continue;
                case 1:
                    text = text.Insert(random.Next(text.Length + 1), Noise[random.Next(Noise.Length)].ToString());
                    continue;
                case 2:
                    lines = text.Split('\n').ToList();
                    var i = random.Next(lines.Count);
                    lines.Insert(i, lines[i]);
                    break;
                case 3:
                    lines = text.Split('\n').ToList();
                    var a = random.Next(lines.Count);
                    var b = random.Next(lines.Count);
                    (lines[a], lines[b]) = (lines[b], lines[a]);
                    break;
                default:
                    lines = text.Split('\n').ToList();
                    lines.RemoveAt(random.Next(lines.Count));
                    break;
            }
            text = string.Join('\n', lines);
        }
        return text;
    }

    public static TheoryData<string> Examples() => ExampleScenariosTests.Examples();

    [Theory]
    [MemberData(nameof(Examples))]
    public void Damaged_scenarios_give_problems_not_exceptions(string file)
    {
        var path = Path.Combine(ExampleScenariosTests.ScenariosDir, file);
        var original = File.ReadAllText(path);
        var random = new Random(HashCode.Combine(file.Length, file[0], 20261127));
        var failures = 0;
        for (var n = 0; n < 150; n++)
        {
            var damaged = Mutate(original, random);
            // Relative paths must still resolve, so parse as if the damaged text were the file itself.
            var result = ScenarioLoader.Parse(damaged, path, ExampleScenariosTests.ScenariosDir);
            if (result.IsValid)
            {
                // Whatever survived must still make a usable profile.
                var profile = RateProfile.For(result.Scenario!.Load);
                Assert.True(profile.DurationSeconds > 0);
                continue;
            }
            failures++;
            Assert.NotEmpty(result.Problems);
            Assert.All(result.Problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Message)));
            // The loader's safety net must never be what a user sees: every rejection names its own reason.
            Assert.DoesNotContain(result.Problems, p => p.Message.StartsWith("the scenario is incomplete"));
        }
        Assert.True(failures > 0, "the mutations should break at least some files");
    }

    [Fact]
    public void Random_threshold_duration_and_trace_text_never_throws()
    {
        const string alphabet = "p()<>=!%.,:0123456789 msuhd-eavgrtmxinoq_\n\r";
        var random = new Random(7);
        for (var n = 0; n < 20_000; n++)
        {
            var text = new string(Enumerable.Range(0, random.Next(0, 24)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            if (LoadLab.Core.Thresholds.Threshold.TryParse(text, out var t, out var why)) Assert.NotNull(t);
            else Assert.False(string.IsNullOrEmpty(why));
            if (!DurationText.TryParse(text, out var d, out why)) Assert.False(string.IsNullOrEmpty(why));
            else Assert.True(d >= TimeSpan.Zero);
            var problems = new List<LoadLab.Core.Errors.Problem>();
            if (ReplayTraceReader.Parse("time,count\n" + text, "/t.csv", "t.csv", "f", problems) is null) Assert.NotEmpty(problems);
        }
    }
}
