using LoadLab.Choice.Model;
using LoadLab.Core.Json;
using LoadLab.SimEndpoint.Hosting;
using LoadLab.SimEndpoint.Options;
using LoadLab.SimEndpoint.Theory;
using LoadLab.TestSupport;
using Xunit.Abstractions;

namespace LoadLab.Choice.Tests;

/// <summary>
/// One sim endpoint holding two variants of different speeds and instance types (a cheap, slow "cpu" at twice the
/// service time and a dear, fast "gpu"), chosen between by a scenario whose candidates are its variants, reached
/// with X-Amzn-SageMaker-Target-Variant: the same shape as two production variants of one SageMaker endpoint.
/// </summary>
/// <remarks>
/// On demand with the accuracy suite (<c>./run.sh test --filter Suite=accuracy</c>), not in the default run: its choice
/// rests on two short ladders' analyses, and in fresh-clone CI runs the measured sustainable loads strayed from the
/// sim's theory by the spread the accuracy suite reports (cpu/gpu ratio 0.26 and 0.65 against ~0.4; once the $0.10 vs
/// $0.30 case chose gpu where the theory says cpu). The choice logic itself is tested on every run by ChooseTests, whose
/// two fleets are separate sims of clearly different capacity.
/// </remarks>
[Trait("Category", "EndToEnd")]
[Trait("Suite", "accuracy")]
public sealed class SimVariantChoiceTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDir _dir = new("loadlab-choose-variants");

    public void Dispose() => _dir.Dispose();

    private static SimEndpointOptions TwoVariants()
    {
        Assert.True(VariantSpec.TryParse("cpu:1:1:2:ml.c5.xlarge", out var cpu, out var e1), e1);
        Assert.True(VariantSpec.TryParse("gpu:1:1:1:ml.g4dn.xlarge", out var gpu, out var e2), e2);
        return CandidateRuns.SimOptions(CandidateRuns.FastService) with { Variants = [cpu, gpu] };
    }

    [Fact]
    public void A_variant_spec_carries_its_speed_and_instance_type_and_the_theory_describes_each()
    {
        var o = TwoVariants();
        Assert.Equal((2.0, "ml.c5.xlarge"), (o.Variants[0].ServiceTimeFactor, o.Variants[0].InstanceType));
        Assert.False(VariantSpec.TryParse("cpu:1:1:0", out _, out var error));
        Assert.Contains("service-time factor '0' must be a number > 0", error);
        var request = new DescribeRequest { SloPercentile = CandidateRuns.SloPercentile, SloMs = CandidateRuns.SloMs };
        var described = CapacityDescriber.Describe(o, request);
        // The cpu variant at twice the service time is the slow sim of the other tests; the gpu one the fast sim.
        Assert.Equal(CandidateRuns.TheorySustainableRps(CandidateRuns.SlowService), described.Variants[0].SustainableRps, 3);
        Assert.Equal(CandidateRuns.TheorySustainableRps(CandidateRuns.FastService), described.Variants[1].SustainableRps, 3);
    }

    [Theory]
    [InlineData(0.10, 0.12)]
    [InlineData(0.10, 0.30)]
    public async Task Choosing_between_the_sims_two_variants_matches_their_theory(double cpuPrice, double gpuPrice)
    {
        var o = TwoVariants();
        await using var sim = await SimEndpointHost.StartAsync(o, new SimEndpointServices { Log = TextWriter.Null, StandaloneReason = "test" });
        var scenario = _dir.Write("variants.yaml", $$"""
            name: choose-variants
            target: { kind: http, url: "{{sim.InvocationsUrl}}", method: POST }
            payload: { contentType: application/json, inline: '{"x":1}' }
            slo: { latency: { percentile: 90, ms: 600 }, maxErrorRate: 0.01 }
            load:
              model: open
              phases:
                - { shape: steps, from: 8, to: 48, step: 8, hold: 7s, warmup: 1s }
            recommend: { peakRps: 100 }
            seed: 7
            candidates:
              - { variant: cpu, instanceType: ml.c5.xlarge, pricePerInstanceHour: {{cpuPrice}} }
              - { variant: gpu, instanceType: ml.g4dn.xlarge, pricePerInstanceHour: {{gpuPrice}} }
            """);
        var trace = _dir.File("trace.csv");
        File.WriteAllText(trace, "period,count\n" + string.Concat(CandidateRuns.TrafficPerMinute.Select((c, i) =>
            $"2026-05-04 {i / 60:00}:{i % 60:00}:00,{c.ToString(System.Globalization.CultureInfo.InvariantCulture)}\n")));
        var outDir = _dir.File("run");
        var (o1, e1) = (new StringWriter(), new StringWriter());
        var code = await Cli.LoadLabApp.RunAsync(["run", scenario, "--out", outDir, "--stages", "load,analyze,simulate", "--traffic", trace], o1, e1);
        output.WriteLine($"{code}\n{o1}\n{e1}");
        var choice = LoadLabJson.Deserialize<ChoiceFile>(File.ReadAllText(Path.Combine(outDir, ChooseService.JsonFileName)));
        output.WriteLine(File.ReadAllText(Path.Combine(outDir, "choice.md")));

        // The theory's choice: each minute of the trace on exactly the instances each variant's sustainable load needs.
        var request = new DescribeRequest { SloPercentile = CandidateRuns.SloPercentile, SloMs = CandidateRuns.SloMs };
        double Cost(VariantSpec v, double price)
        {
            var perMinute = CapacityDescriber.DescribeVariant(o, v, request).SustainableRpsPerInstance * 60;
            return CandidateRuns.TrafficPerMinute.Sum(d => Math.Ceiling(d / perMinute)) * price / 60;
        }
        var (cpuCost, gpuCost) = (Cost(o.Variants[0], cpuPrice), Cost(o.Variants[1], gpuPrice));
        output.WriteLine($"theory: cpu ${cpuCost:0.00}, gpu ${gpuCost:0.00}");
        Assert.Equal(gpuCost < cpuCost ? "gpu" : "cpu", choice.Winner);
        // Each variant was measured at its own speed: cpu (twice gpu's service time) sustains clearly less. Only the
        // order is asserted: the measured ratio ranged 0.26-0.65 in CI runs against the theory's ~0.4, the same
        // analysis-vs-theory spread the accuracy suite reports (README, Development).
        var cpu = choice.Candidates.Single(c => c.Name == "cpu");
        var gpu = choice.Candidates.Single(c => c.Name == "gpu");
        output.WriteLine($"measured sustainable: cpu {cpu.SustainableIpm:0} IPI, gpu {gpu.SustainableIpm:0} IPI");
        Assert.True(cpu.SustainableIpm!.Value < 0.8 * gpu.SustainableIpm!.Value, $"cpu {cpu.SustainableIpm:0} IPI vs gpu {gpu.SustainableIpm:0} IPI");
        Assert.Equal(0, code);
    }
}
