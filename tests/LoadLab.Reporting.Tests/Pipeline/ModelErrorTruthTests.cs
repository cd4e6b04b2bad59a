using System.Globalization;
using System.Text.Json;

namespace LoadLab.Reporting.Tests.Pipeline;

/// <summary>
/// The backtest's fleet model replayed on the run's own steps (simulation.json's model_error) stays within a stated
/// tolerance of what those steps measured, on a real run past capacity (<see cref="RealPipelineRun"/>): the sim
/// endpoint's 1 × 4 workers, 20 ms exponential service, 16-deep queue, a 5 s-hold ladder from 40 to 300 req/s.
/// </summary>
[Collection(RealPipelineCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class ModelErrorTruthTests(RealPipelineRun run, Xunit.Abstractions.ITestOutputHelper output)
{
    /// <summary>
    /// The bound docs/analysis.md states for the steps below capacity (neither measured nor predicted errors above the
    /// SLO's 1 % budget), set from measured runs on this shared 2-core host: worst 12 %, 33 % and 35 % (three runs, see the
    /// docs). Past capacity no bound is asserted yet: the fleet model's queue limit is fitted from the single slowest
    /// shedding step, and one slow step (958 ms where its neighbours read 120–150 ms) put its predictions 674 % off.
    /// </summary>
    public const double MaxLatencyErrorPctBelowCapacity = 50;
    [Fact]
    public void The_fleet_models_error_on_the_runs_own_steps_below_capacity_is_within_the_stated_bound()
    {
        using var sim = JsonDocument.Parse(File.ReadAllText(run.File("simulation.json")));
        var e = sim.RootElement.GetProperty("model_error");
        double latencyPct = e.GetProperty("max_abs_latency_error_pct").GetDouble();
        double errorRate = e.GetProperty("max_abs_error_rate_error_fraction").GetDouble();
        var steps = e.GetProperty("steps").EnumerateArray().Select(s => string.Create(CultureInfo.InvariantCulture,
            $"step {s.GetProperty("step").GetInt32()}: {s.GetProperty("offered_ipm").GetDouble():0} IPI, p predicted {s.GetProperty("predicted_latency_ms").GetDouble():0.#} ms vs {s.GetProperty("measured_latency_ms").GetDouble():0.#} ms, "
              + $"errors {s.GetProperty("predicted_error_rate_fraction").GetDouble():0.###} vs {s.GetProperty("measured_error_rate_fraction").GetDouble():0.###}")).ToList();
        var context = string.Join("\n", steps);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"model_error: max |latency error| {latencyPct:0.#} %, max |error-rate error| {errorRate:0.###}\n{context}"));

        Assert.True(steps.Count >= 10, context);
        var below = e.GetProperty("steps").EnumerateArray()
            .Where(r => r.GetProperty("measured_error_rate_fraction").GetDouble() <= 0.01 && r.GetProperty("predicted_error_rate_fraction").GetDouble() <= 0.01).ToList();
        Assert.True(below.Count >= 3, context);
        double worstBelow = below.Max(r => Math.Abs(r.GetProperty("latency_error_pct").GetDouble()));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"below capacity ({below.Count} steps): max |latency error| {worstBelow:0.#} %"));
        Assert.True(worstBelow <= MaxLatencyErrorPctBelowCapacity,
            string.Create(CultureInfo.InvariantCulture, $"below capacity: max |latency error| {worstBelow:0.#} % > {MaxLatencyErrorPctBelowCapacity} %\n{context}"));
        // The maxima are the steps' own: model_error is not a figure of its own making.
        var rows = e.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(rows.Max(s => Math.Abs(s.GetProperty("latency_error_pct").GetDouble())), latencyPct, 6);
        Assert.Equal(rows.Max(s => Math.Abs(s.GetProperty("error_rate_error_fraction").GetDouble())), errorRate, 6);
    }
}
