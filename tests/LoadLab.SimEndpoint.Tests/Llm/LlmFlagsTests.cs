using LoadLab.Core.Errors;
using LoadLab.SimEndpoint.Options;

namespace LoadLab.SimEndpoint.Tests.Llm;

public sealed class LlmFlagsTests
{
    [Fact]
    public void Model_llm_takes_its_flags_and_the_batch_becomes_the_instances_concurrency()
    {
        var (o, _) = new SimEndpointFlags
        {
            Model = "llm", MaxBatch = 12, Queue = 3, DecodeStep = "20ms", DecodeStepPerSequence = "1ms", PrefillPerToken = "0.5ms", OutputTokens = 64,
        }.Resolve();
        Assert.Equal(SimModelKind.Llm, o.Model);
        Assert.Equal((12, 12, 3), (o.Llm.MaxBatch, o.Workers, o.Queue));
        Assert.Equal((TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(0.5), 64),
            (o.Llm.DecodeStep, o.Llm.DecodeStepPerSequence, o.Llm.PrefillPerInputToken, o.Llm.DefaultOutputTokens));
    }

    [Fact]
    public void Llm_flags_without_the_llm_model_and_bad_values_name_their_flags()
    {
        var e = Assert.Throws<UserInputException>(() => new SimEndpointFlags { MaxBatch = 4 }.Resolve());
        Assert.Contains(e.Problems, p => p.Field == "--max-batch" && p.Message.Contains("--model llm"));
        e = Assert.Throws<UserInputException>(() => new SimEndpointFlags { Model = "gpt" }.Resolve());
        Assert.Contains(e.Problems, p => p.Field == "--model");
        e = Assert.Throws<UserInputException>(() => new SimEndpointFlags { Model = "llm", MaxBatch = 0, DecodeStep = "0ms", Workers = 3 }.Resolve());
        Assert.Contains(e.Problems, p => p.Field == "--max-batch");
        Assert.Contains(e.Problems, p => p.Field == "--decode-step");
        Assert.Contains(e.Problems, p => p.Field == "--workers");
        e = Assert.Throws<UserInputException>(() => new SimEndpointFlags { Model = "llm", Describe = true }.Resolve());
        Assert.Contains(e.Problems, p => p.Field == "--describe");
    }
}
