using System.Globalization;
using System.Text.RegularExpressions;
using LoadLab.Core.Scenarios;
using LoadLab.Core.Scenarios.Parameters;

namespace LoadLab.Core.Tests.Scenarios;

/// <summary>What README.md says <c>scenarios/my-endpoint.yaml</c> and its smoke run cost is what the scenario computes to.</summary>
public class ReadmeCostTests
{
    private static readonly string RepoRoot = Path.GetDirectoryName(ExampleScenariosTests.ScenariosDir)!;

    [Fact]
    public void The_readme_states_the_length_and_requests_of_my_endpoint_and_of_its_smoke_run()
    {
        var readme = File.ReadAllText(Path.Combine(RepoRoot, "README.md")).ReplaceLineEndings(" ");
        var match = Regex.Match(readme,
            @"`scenarios/my-endpoint\.yaml` lasts (?<len>\S+) and sends ~(?<req>[\d,]+) requests \(InvokeEndpoint calls, plus (?<warm>\d+) warm-up\s+requests\); its smoke run lasts (?<slen>\S+) and sends ~(?<sreq>[\d,]+) \(plus (?<swarm>\d+)\)");
        Assert.True(match.Success, "README.md no longer states what scenarios/my-endpoint.yaml costs in the expected sentence");

        var scenario = ScenarioLoader.Load(Path.Combine(ExampleScenariosTests.ScenariosDir, "my-endpoint.yaml"));
        var smoke = SmokeScenario.Of(scenario);
        var full = ScenarioSummary.Of(scenario);
        var small = ScenarioSummary.Of(smoke);
        Assert.Equal(DurationText.Format(full.Duration), match.Groups["len"].Value);
        Assert.Equal(Requests(full), match.Groups["req"].Value);
        Assert.Equal(scenario.Load.WarmupRequests.ToString(CultureInfo.InvariantCulture), match.Groups["warm"].Value);
        Assert.Equal(DurationText.Format(small.Duration), match.Groups["slen"].Value);
        Assert.Equal(Requests(small), match.Groups["sreq"].Value);
        Assert.Equal(smoke.Load.WarmupRequests.ToString(CultureInfo.InvariantCulture), match.Groups["swarm"].Value);
    }

    private static string Requests(ScenarioSummary s) => Math.Round(s.ExpectedRequests).ToString("N0", CultureInfo.InvariantCulture);
}
