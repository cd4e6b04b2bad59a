using LoadLab.Choice.Model;
using LoadLab.Core.Json;
using LoadLab.Core.RunFiles;
using Xunit.Abstractions;

namespace LoadLab.Choice.Tests;

/// <summary>`loadlab choose` on two real candidate runs, judged against the sims' own queueing theory.</summary>
[Collection(CandidateRunsCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class ChooseTests(CandidateRuns runs, ITestOutputHelper output)
{
    private async Task<(int Code, string Out, string Err)> Loadlab(params string[] args)
    {
        var (o, e) = (new StringWriter(), new StringWriter());
        var code = await Cli.LoadLabApp.RunAsync(args, o, e);
        output.WriteLine($"loadlab {string.Join(' ', args)} -> {code}\n{o}\n{e}");
        return (code, o.ToString(), e.ToString());
    }

    private static ChoiceFile ReadChoice(string dir) => LoadLabJson.Deserialize<ChoiceFile>(File.ReadAllText(Path.Combine(dir, ChooseService.JsonFileName)));

    /// <summary>
    /// The cost over the trace if each minute ran exactly the instances the theory's sustainable load needs:
    /// the choice a perfect autoscaler would make, computed without the analysis, the recommender or the simulator.
    /// </summary>
    private static double TheoryCostUsd(string service, double pricePerHour)
    {
        var perMinute = CandidateRuns.TheorySustainableRps(service) * 60;
        return CandidateRuns.TrafficPerMinute.Sum(d => Math.Ceiling(d / perMinute)) * pricePerHour / 60;
    }

    [Theory]
    [InlineData(0.10, 0.12)] // fast costs 1.2× per hour for 2× the load: fast is cheaper per request
    [InlineData(0.10, 0.30)] // fast costs 3× per hour for 2× the load: slow is cheaper per request
    public async Task The_choice_matches_the_one_the_sims_theory_makes_on_the_same_traffic(double slowPrice, double fastPrice)
    {
        var parent = runs.Parent($"theory-{slowPrice}-{fastPrice}",
            runs.Entry("slow", runs.Slow, "ml.c5.xlarge", slowPrice), runs.Entry("fast", runs.Fast, "ml.g4dn.xlarge", fastPrice));
        var (code, stdout, _) = await Loadlab("choose", parent);
        output.WriteLine(File.ReadAllText(Path.Combine(parent, "choice.md")));
        Assert.Equal(0, code);
        var choice = ReadChoice(parent);

        var theorySlow = TheoryCostUsd(CandidateRuns.SlowService, slowPrice);
        var theoryFast = TheoryCostUsd(CandidateRuns.FastService, fastPrice);
        output.WriteLine($"theory: slow ${theorySlow:0.00}, fast ${theoryFast:0.00} over {CandidateRuns.TrafficPerMinute.Length} minutes");
        Assert.Equal(theoryFast < theorySlow ? "fast" : "slow", choice.Winner);
        Assert.Contains($"choose: {choice.Verdict}", stdout);

        // Every figure is its sub-run's own: the sustainable load is analysis.json's, the SLO minutes and
        // instance-hours the recommended policy's backtest in simulation.json, the costs those times the price.
        foreach (var (row, dir, price) in new[] { (Row(choice, "slow"), runs.Slow, slowPrice), (Row(choice, "fast"), runs.Fast, fastPrice) })
        {
            var analysis = RunJson.Read<AnalysisFile>(Path.Combine(dir, "analysis.json"));
            var sim = RunJson.Read<SimulationFile>(Path.Combine(dir, "simulation.json"));
            var backtest = sim.Candidates.Single(c => c.Kind == "recommendation");
            Assert.Equal(CandidateStatus.Holds, row.Status);
            Assert.Equal(analysis.SustainableIpm, row.SustainableIpm);
            Assert.Equal(analysis.SustainableIpmCiLow, row.SustainableIpmCiLow);
            Assert.Equal(backtest.SloViolationMinutes, row.SloViolationMinutes);
            Assert.Equal(backtest.InstanceHours, row.InstanceHours);
            Assert.Equal(CandidateRuns.TrafficPerMinute.Length, row.BacktestMinutes);
            Assert.Equal(price, row.PriceUsdPerInstanceHour);
            Assert.Equal("scenario", row.PriceSource);
            Assert.Equal(Math.Round(backtest.InstanceHours * price * 1440 / sim.Minutes, 4), row.CostUsdPerDay);
            Assert.Equal(Math.Round(backtest.PeakInstances * price, 4), row.CostAtPeakUsdPerHour);
            Assert.Equal(Math.Round(backtest.InstanceHours * price / backtest.TotalRequests * 1e6, 4), row.CostUsdPerMillionInferences);
            Assert.True(row.CostLowUsdPerDay <= row.CostUsdPerDay && row.CostUsdPerDay <= row.CostHighUsdPerDay);
            // The measured load is the theory's within 25 % (short steps; the analysis has its own accuracy suite).
            var theory = CandidateRuns.TheorySustainableRps(dir == runs.Slow ? CandidateRuns.SlowService : CandidateRuns.FastService);
            Assert.InRange(row.SustainableRpsPerInstance!.Value, theory * 0.75, theory * 1.25);
        }
        Assert.Equal(choice.Candidates.Sum(c => RunJson.Read<SimulationFile>(Path.Combine(c.Name == "slow" ? runs.Slow : runs.Fast, "simulation.json")).Candidates.Count),
            choice.PolicyPoints.Count);
        var html = File.ReadAllText(Path.Combine(parent, "choice.html"));
        Assert.Contains("data:image/png;base64,", html);
        Assert.DoesNotContain("src=\"http", html);
    }

    [Fact]
    public async Task A_candidate_that_cannot_hold_the_slo_within_max_capacity_is_reported_as_such()
    {
        // The trace's busiest minute (6,000 requests) needs 5 slow instances at 20 requests/s; MaxCapacity 2 cannot.
        var capped = runs.WithMaxCapacity(runs.Slow, 2);
        var parent = runs.Parent("capped", runs.Entry("slow", capped, "ml.c5.xlarge", 0.01), runs.Entry("fast", runs.Fast, "ml.g4dn.xlarge", 0.30));
        var (code, stdout, _) = await Loadlab("choose", parent);
        Assert.Equal(0, code);
        var choice = ReadChoice(parent);
        var slow = Row(choice, "slow");
        Assert.Equal(CandidateStatus.CannotHold, slow.Status);
        Assert.Equal(2, slow.MaxCapacity);
        Assert.Equal(6000, slow.PeakDemandPerMin!.Value, 0);
        Assert.Equal((int)Math.Ceiling(6000 / slow.SustainableIpm!.Value), slow.InstancesNeededAtPeak);
        Assert.Contains("more than MaxCapacity 2", slow.Reason);
        // Far cheaper per hour, but it cannot hold the SLO: the dearer candidate wins.
        Assert.Equal("fast", choice.Winner);
        Assert.Contains("cannot_hold_within_max_capacity", stdout);
    }

    [Fact]
    public async Task No_candidate_holding_the_slo_exits_1_and_names_the_least_violating()
    {
        var capped = runs.WithMaxCapacity(runs.Fast, 1);
        var parent = runs.Parent("none-holds", runs.Entry("fast", capped, "ml.g4dn.xlarge", 0.30));
        var (code, _, _) = await Loadlab("choose", parent);
        Assert.Equal(1, code);
        var choice = ReadChoice(parent);
        Assert.Null(choice.Winner);
        Assert.StartsWith("No candidate holds the SLO", choice.Verdict);
    }

    [Fact]
    public async Task An_unknown_instance_type_without_a_price_is_a_located_error_until_a_prices_file_gives_one()
    {
        var parent = runs.Parent("unknown", runs.Entry("slow", runs.Slow, "ml.c5.xlarge", null), runs.Entry("odd", runs.Fast, "ml.zz9.mega", null));
        var (code, _, stderr) = await Loadlab("choose", parent);
        Assert.Equal(2, code);
        Assert.Contains($"{Path.Combine(parent, "candidates.json")}: candidates[1].instance_type: ml.zz9.mega is not in the built-in price table", stderr);
        Assert.False(File.Exists(Path.Combine(parent, "choice.json")));

        var prices = Path.Combine(runs.Root, "my-prices.csv");
        File.WriteAllText(prices, "# source: our AWS bill, December\n# figures_as_of: 2026-11-30\ninstance_type,region,usd_per_instance_hour\nml.zz9.mega,us-east-1,0.5\n");
        (code, _, _) = await Loadlab("choose", parent, "--prices", prices);
        Assert.Equal(0, code);
        var choice = ReadChoice(parent);
        var odd = choice.Prices.Single(p => p.Candidate == "odd");
        Assert.Equal((0.5, prices, "2026-11-30"), (odd.UsdPerInstanceHour, odd.Source, odd.AsOf));
        // The known type took the built-in table's price, and the report says whose and as of when.
        var slow = choice.Prices.Single(p => p.Candidate == "slow");
        Assert.Equal((0.204, Core.Pricing.PriceTable.BuiltInName), (slow.UsdPerInstanceHour, slow.Source));
        Assert.Contains(choice.Warnings, w => w.Contains("built-in table's (figures as of 2024", StringComparison.Ordinal));
        Assert.Contains("built-in sagemaker-prices.csv", File.ReadAllText(Path.Combine(parent, "choice.md")));
    }

    [Fact]
    public async Task A_run_directory_without_candidates_is_bad_input()
    {
        var (code, _, stderr) = await Loadlab("choose", runs.Slow);
        Assert.Equal(2, code);
        Assert.Contains("candidates.json is missing", stderr);
    }

    [Fact]
    public async Task Candidates_within_the_winners_interval_are_called_a_near_tie_not_hidden()
    {
        // The same measured fleet at prices 1 % apart: the cheaper wins, the other is named a near-tie.
        var parent = runs.Parent("tie", runs.Entry("a", runs.Fast, "ml.c5.xlarge", 0.100), runs.Entry("b", runs.Fast, "ml.m5.xlarge", 0.101),
            runs.Entry("dear", runs.Fast, "ml.p3.2xlarge", 0.5));
        var (code, _, _) = await Loadlab("choose", parent);
        Assert.Equal(0, code);
        var choice = ReadChoice(parent);
        Assert.Equal("a", choice.Winner);
        Assert.Equal(["b"], choice.NearTies);
        Assert.Contains("A near-tie: b", choice.Verdict);
        Assert.Contains("b (near-tie)", File.ReadAllText(Path.Combine(parent, "choice.md")));
    }

    [Fact]
    public async Task Names_from_the_files_are_escaped_in_the_page()
    {
        var parent = runs.Parent("escape", runs.Entry("<img src=x onerror=alert(1)>", runs.Fast, "ml.c5.xlarge", 0.1), runs.Entry("slow", runs.Slow, "ml.c5.xlarge", 0.1));
        await Loadlab("choose", parent);
        var html = File.ReadAllText(Path.Combine(parent, "choice.html"));
        Assert.DoesNotContain("<img src=x", html);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html);
        Assert.Contains("Content-Security-Policy", html);
    }

    [Fact]
    public async Task Apply_on_a_choice_emits_the_winners_policy_and_the_endpoint_configuration_on_its_instance_type()
    {
        var parent = runs.Parent("apply", runs.Entry("slow", runs.Slow, "ml.c5.xlarge", 0.10), runs.Entry("fast", runs.Fast, "ml.g4dn.xlarge", 0.12));
        Assert.Equal(0, (await Loadlab("choose", parent)).Code);
        Assert.Equal("fast", ReadChoice(parent).Winner);
        var outDir = Path.Combine(parent, "iac");
        var (code, stdout, _) = await Loadlab("apply", parent, "--emit", "terraform", "--out", outDir);
        Assert.Equal(0, code);
        Assert.Contains("choice: fast (ml.g4dn.xlarge)", stdout);
        var rec = RunJson.Read<RecommendationFile>(Path.Combine(runs.Fast, "recommendation.json"));
        var target = rec.PutScalingPolicy.First(p => p.TargetTrackingScalingPolicyConfiguration is not null).TargetTrackingScalingPolicyConfiguration!.TargetValue;
        Assert.Contains(target.ToString(System.Globalization.CultureInfo.InvariantCulture), File.ReadAllText(Path.Combine(outDir, "scaling.tf")));
        var config = File.ReadAllText(Path.Combine(outDir, "endpoint-config.tf"));
        Assert.Contains("instance_type          = \"ml.g4dn.xlarge\"", config);
        Assert.Contains("variant_name           = \"fast\"", config);

        var none = runs.Parent("apply-none", runs.Entry("fast", runs.WithMaxCapacity(runs.Fast, 1), "ml.g4dn.xlarge", 0.3));
        await Loadlab("choose", none);
        var (noneCode, _, stderr) = await Loadlab("apply", none, "--emit", "terraform", "--out", Path.Combine(none, "iac"));
        Assert.Equal(2, noneCode);
        Assert.Contains("no candidate holds the SLO, so there is no choice to apply", stderr);
    }

    private static CandidateChoice Row(ChoiceFile c, string name) => c.Candidates.Single(r => r.Name == name);
}
