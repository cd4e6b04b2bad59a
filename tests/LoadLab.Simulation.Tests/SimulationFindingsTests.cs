using System.Text.Json;
using LoadLab.Core.Findings;
using LoadLab.Core.Json;
using LoadLab.Core.RunFiles;

namespace LoadLab.Simulation.Tests;

/// <summary>simulation.json's findings carry the severity and code docs/warnings.md gives them.</summary>
public sealed class SimulationFindingsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("loadlab-simfind-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_backtest_without_recommendation_or_interval_says_so_as_coded_warnings()
    {
        // No recommendation.json and no interval in analysis.json: both weaken the backtest's figures.
        LoadLabJson.WriteFile(Path.Combine(_dir, "analysis.json"), new AnalysisFile
        {
            Slo = new SloInfo(90, 250, 0.01),
            Curve = new LatencyCurve { Kind = "queueing", L0Ms = 40, A = 20, CapacityIpm = 1200 },
            SustainableIpm = 900, MaxRpsPerInstance = 18, InstanceStartupS = 240,
        });
        var trace = Path.Combine(_dir, "trace.csv");
        File.WriteAllLines(trace, ["period,count", .. Enumerable.Range(0, 120).Select(m => $"{new DateTime(2026, 2, 1).AddMinutes(m):yyyy-MM-dd HH:mm:ss},{3000 + 20 * m}")]);

        var outcome = await SimulationService.RunAsync(new SimulateRequest { RunDirectory = _dir, TrafficPath = trace, Seed = 5 });

        var w = outcome.File.Warnings;
        Assert.Equal(Severity.Warning, Assert.Single(w, f => f.Code == SimulationCodes.NoRecommendation).Severity);
        Assert.Equal(Severity.Warning, Assert.Single(w, f => f.Code == SimulationCodes.NoInterval).Severity);
        Assert.All(w, f => Assert.StartsWith("simulate.", f.Code, StringComparison.Ordinal));
        // On disk as objects with severity and code, not as bare sentences.
        using var json = JsonDocument.Parse(File.ReadAllText(outcome.OutputPath));
        Assert.All(json.RootElement.GetProperty("warnings").EnumerateArray(), e =>
        {
            Assert.Equal(JsonValueKind.Object, e.ValueKind);
            Assert.Equal("warning", e.GetProperty("severity").GetString());
        });
    }
}
