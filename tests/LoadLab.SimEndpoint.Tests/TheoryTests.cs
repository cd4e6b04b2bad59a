using LoadLab.SimEndpoint.Options;
using LoadLab.SimEndpoint.Theory;

namespace LoadLab.SimEndpoint.Tests;

public sealed class TheoryTests
{
    [Theory]
    [InlineData(1, 0.5)]
    [InlineData(4, 0.8)]
    public void Simulation_agrees_with_erlang_c_for_exponential_service(int c, double rho)
    {
        var service = new ServiceTimeSpec(ServiceTimeKind.Exponential, TimeSpan.FromMilliseconds(20), 1);
        var mu = 50.0;
        var lambda = rho * c * mu;
        var sim = new QueueSimulation(c, queue: 10_000, service, 0, arrivals: 150_000, seed: 3);
        var run = sim.Run(lambda);
        Assert.Equal(0, run.Blocked);
        foreach (var p in new[] { 50.0, 90.0, 99.0 })
        {
            var exact = ErlangC.SojournPercentile(c, lambda, mu, p);
            Assert.InRange(run.PercentileSeconds(p), exact * 0.95, exact * 1.05);
        }
    }

    [Fact]
    public void Erlang_c_single_server_is_the_textbook_exponential_response_time()
    {
        // M/M/1: response time is Exp(μ − λ), so p90 = ln(10)/(μ − λ).
        Assert.Equal(Math.Log(10) / 30, ErlangC.SojournPercentile(1, 20, 50, 90), 6);
        Assert.Equal(0.4, ErlangC.WaitProbability(1, 20, 50), 9);
    }

    [Fact]
    public void Describe_matches_the_closed_form_for_exponential_service()
    {
        var o = new SimEndpointOptions { Workers = 4, Queue = 5000, ServiceTime = new ServiceTimeSpec(ServiceTimeKind.Exponential, TimeSpan.FromMilliseconds(20), 1) };
        var d = CapacityDescriber.Describe(o, new DescribeRequest { SloPercentile = 90, SloMs = 100, Arrivals = 100_000 });
        Assert.Equal(200, d.CapacityRpsPerInstance, 6);
        Assert.NotNull(d.ClosedForm);
        var exact = ErlangC.MaxRateForSlo(4, 50, 90, 0.100);
        Assert.Equal(exact, d.ClosedForm!.SustainableRpsPerInstance, 2);
        Assert.InRange(d.SustainableRpsPerInstance, exact * 0.97, exact * 1.03);
        Assert.Equal(d.SustainableRpsPerInstance * 60, d.SustainableInvocationsPerInstancePerMinute, 1);
        Assert.Equal(d.SustainableRpsPerInstance * 30, d.AwsRuleOfThumbTargetPerMinute, 1);
        Assert.InRange(d.LatencyAtSustainableMs, 0, 100);
    }

    [Fact]
    public void A_bounded_queue_makes_503s_count_against_the_slo()
    {
        // Fixed 20 ms, 1 worker, no queue: latency is always 20 ms, so only blocking (Erlang B) limits p90:
        // M/G/1/1 loss probability = a/(1+a) <= 10 % => a <= 1/9 => λ <= 50/9 ≈ 5.56 req/s. An error budget of 100 %
        // leaves the latency percentile (503s counted as misses) as the only constraint.
        var o = new SimEndpointOptions { Workers = 1, Queue = 0, ServiceTime = new ServiceTimeSpec(ServiceTimeKind.Fixed, TimeSpan.FromMilliseconds(20), 0) };
        var d = CapacityDescriber.Describe(o, new DescribeRequest { SloPercentile = 90, SloMs = 250, MaxErrorRate = 1, Arrivals = 50_000 });
        Assert.InRange(d.SustainableRpsPerInstance, 50.0 / 9 * 0.95, 50.0 / 9 * 1.05);
        Assert.InRange(d.BlockingProbabilityAtSustainable, 0.08, 0.1);
        Assert.Equal(LimitingConstraint.Latency, d.LimitedBy);
    }

    [Fact]
    public void The_error_budget_limits_a_loss_system_to_the_erlang_b_rate()
    {
        // Same loss system, 1 % error budget: a/(1+a) <= 1 % => a <= 1/99 => λ <= 50/99 ≈ 0.505 req/s.
        var o = new SimEndpointOptions { Workers = 1, Queue = 0, ServiceTime = new ServiceTimeSpec(ServiceTimeKind.Fixed, TimeSpan.FromMilliseconds(20), 0) };
        var d = CapacityDescriber.Describe(o, new DescribeRequest { SloPercentile = 90, SloMs = 250, MaxErrorRate = 0.01, Arrivals = 50_000 });
        Assert.InRange(d.SustainableRpsPerInstance, 50.0 / 99 * 0.9, 50.0 / 99 * 1.1);
        Assert.True(d.BlockingProbabilityAtSustainable <= 0.01, $"P(503) {d.BlockingProbabilityAtSustainable}");
        Assert.Equal(LimitingConstraint.QueueFull, d.LimitedBy);
    }

    [Fact]
    public void With_the_default_queue_of_16_the_sustainable_load_keeps_503s_within_the_default_error_budget()
    {
        // The default fleet (4 workers, queue 16, lognormal 20 ms cv 0.5): p90 stays under 250 ms even past capacity,
        // where about 10 % of requests get 503; the 1 % error budget is what must bind, below 100 % utilisation.
        var o = new SimEndpointOptions();
        Assert.Equal(16, o.Queue);
        var r = new DescribeRequest { Arrivals = 100_000 };
        Assert.Equal(0.01, r.MaxErrorRate);
        var d = CapacityDescriber.Describe(o, r);
        Assert.True(d.BlockingProbabilityAtSustainable <= 0.01, $"P(503) {d.BlockingProbabilityAtSustainable} at {d.SustainableRpsPerInstance} req/s");
        Assert.Equal(d.BlockingProbabilityAtSustainable, d.ErrorProbabilityAtSustainable, 9);
        Assert.InRange(d.UtilizationAtSustainable, 0.5, 0.999);
        Assert.True(d.LatencyAtSustainableMs <= 250);
        Assert.Equal(LimitingConstraint.QueueFull, d.LimitedBy);
        // Just above the figure the budget is spent: it is the highest such rate, not merely a safe one.
        var above = new QueueSimulation(o.Workers, o.Queue, o.ServiceTime, 0, r.Arrivals, o.Seed).Run(d.SustainableRpsPerInstance * 1.01);
        Assert.True(above.BlockingProbability > 0.01, $"P(503) {above.BlockingProbability} at 1 % above the sustainable rate");

        var text = Hosting.SimEndpointRunner.DescribeText(d);
        Assert.Contains("errors <= 1 %", text);
        Assert.Contains("limited by 503s (queue full)", text);
    }

    [Fact]
    public void With_the_demos_queue_of_64_latency_binds_and_the_figure_is_the_latency_only_one()
    {
        // The demo's fleet (DemoOptions: 4 workers, queue 64, lognormal 20 ms cv 0.5, seed 42) at its SLO p90 <= 250 ms,
        // 1 %: latency binds first, so the error budget changes nothing (the same figure as with no error budget).
        Assert.True(ServiceTimeSpec.TryParse("lognormal:20ms,cv=0.5", out var service, out var error), error);
        var o = new SimEndpointOptions { Workers = 4, Queue = 64, Seed = 42, ServiceTime = service };
        var withBudget = CapacityDescriber.Describe(o, new DescribeRequest { SloPercentile = 90, SloMs = 250, MaxErrorRate = 0.01 });
        var latencyOnly = CapacityDescriber.Describe(o, new DescribeRequest { SloPercentile = 90, SloMs = 250, MaxErrorRate = 1 });
        // The figure --describe gave before the error budget existed (195.15 req/s = 11709 per minute).
        Assert.InRange(withBudget.SustainableRpsPerInstance, 195.14, 195.16);
        Assert.Equal(LimitingConstraint.Latency, withBudget.LimitedBy);
        Assert.Equal(latencyOnly.SustainableRpsPerInstance, withBudget.SustainableRpsPerInstance);
        Assert.True(withBudget.BlockingProbabilityAtSustainable <= 0.01);
        Assert.InRange(withBudget.LatencyAtSustainableMs, 200, 250);
        Assert.Contains("limited by latency", Hosting.SimEndpointRunner.DescribeText(withBudget));
    }

    [Fact]
    public void Injected_model_errors_spend_the_error_budget()
    {
        var o = new SimEndpointOptions { ErrorRate = 0.005 };
        var d = CapacityDescriber.Describe(o, new DescribeRequest { Arrivals = 50_000 });
        var clean = CapacityDescriber.Describe(o with { ErrorRate = 0 }, new DescribeRequest { Arrivals = 50_000 });
        Assert.Equal(LimitingConstraint.Errors, d.LimitedBy);
        Assert.True(d.ErrorProbabilityAtSustainable <= 0.01);
        Assert.True(d.SustainableRpsPerInstance < clean.SustainableRpsPerInstance);

        var hopeless = CapacityDescriber.Describe(o with { ErrorRate = 0.02 }, new DescribeRequest { Arrivals = 20_000 });
        Assert.Equal(0, hopeless.SustainableRpsPerInstance);
        Assert.Contains(hopeless.Notes, n => n.Contains("exceeds the error budget"));
    }

    [Fact]
    public void A_queue_that_never_fills_keeps_the_sustainable_rate_below_capacity()
    {
        // Exponential 20 ms, 1 worker, a queue far deeper than a run can fill, and a bound no queue reaches in one run:
        // neither latency nor 503s stop the search, so stability (utilisation < 100 %) must.
        var o = new SimEndpointOptions { Workers = 1, Queue = 100_000, ServiceTime = new ServiceTimeSpec(ServiceTimeKind.Exponential, TimeSpan.FromMilliseconds(20), 1) };
        var d = CapacityDescriber.Describe(o, new DescribeRequest { SloPercentile = 50, SloMs = 10_000_000, Arrivals = 20_000 });
        Assert.True(d.SustainableRpsPerInstance < d.CapacityRpsPerInstance, $"{d.SustainableRpsPerInstance} req/s vs capacity {d.CapacityRpsPerInstance}");
        Assert.InRange(d.SustainableRpsPerInstance, 0.99 * d.CapacityRpsPerInstance, d.CapacityRpsPerInstance);
        Assert.Equal(LimitingConstraint.Utilization, d.LimitedBy);
    }

    [Fact]
    public void Service_slower_than_the_bound_is_sustainable_at_no_load()
    {
        var o = new SimEndpointOptions { ServiceTime = new ServiceTimeSpec(ServiceTimeKind.Fixed, TimeSpan.FromMilliseconds(300), 0) };
        var d = CapacityDescriber.Describe(o, new DescribeRequest { SloPercentile = 90, SloMs = 250, Arrivals = 20_000 });
        Assert.Equal(0, d.SustainableRpsPerInstance);
        Assert.Contains(d.Notes, n => n.Contains("exceeds the SLO"));
    }

    [Fact]
    public void Describe_is_a_pure_function_of_options_and_seed()
    {
        var o = new SimEndpointOptions { Seed = 11 };
        var r = new DescribeRequest { Arrivals = 50_000 };
        var a = Core.Json.LoadLabJson.Serialize(CapacityDescriber.Describe(o, r));
        var b = Core.Json.LoadLabJson.Serialize(CapacityDescriber.Describe(o, r));
        Assert.Equal(a, b);
        Assert.Contains("\"sustainable_invocations_per_instance_per_minute\"", a);
        Assert.Contains("\"limited_by\"", a);
        Assert.Contains("\"max_error_rate\": 0.01", a);
    }
}
