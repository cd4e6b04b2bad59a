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
        // M/G/1/1 loss probability = a/(1+a) <= 10 % => a <= 1/9 => λ <= 50/9 ≈ 5.56 req/s.
        var o = new SimEndpointOptions { Workers = 1, Queue = 0, ServiceTime = new ServiceTimeSpec(ServiceTimeKind.Fixed, TimeSpan.FromMilliseconds(20), 0) };
        var d = CapacityDescriber.Describe(o, new DescribeRequest { SloPercentile = 90, SloMs = 250, Arrivals = 50_000 });
        Assert.InRange(d.SustainableRpsPerInstance, 50.0 / 9 * 0.95, 50.0 / 9 * 1.05);
        Assert.InRange(d.BlockingProbabilityAtSustainable, 0.08, 0.1);
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
    }
}
