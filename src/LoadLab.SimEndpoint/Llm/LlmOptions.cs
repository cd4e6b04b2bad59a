using LoadLab.Core.Errors;

namespace LoadLab.SimEndpoint.Llm;

/// <summary>
/// The simulated language model of <c>sim-endpoint --model llm</c>: each instance runs continuous batching of at most
/// <see cref="MaxBatch"/> sequences. Defaults are documented here and in docs/genai.md; the numbers are of the order of
/// a 7B model on one GPU, not a measurement of one.
/// </summary>
public sealed record LlmOptions
{
    /// <summary>Sequences decoded together per instance (the batch); more requests wait in the instance's queue. Default 8.</summary>
    public int MaxBatch { get; init; } = 8;

    /// <summary>Prefill time per input token (input tokens are estimated from the prompt, see <see cref="LlmPrompt"/>). Default 0.2ms.</summary>
    public TimeSpan PrefillPerInputToken { get; init; } = TimeSpan.FromMilliseconds(0.2);

    /// <summary>Time of one decode step with a batch of one. Default 15ms.</summary>
    public TimeSpan DecodeStep { get; init; } = TimeSpan.FromMilliseconds(15);

    /// <summary>What each further sequence in the batch adds to a decode step. Default 2ms.</summary>
    public TimeSpan DecodeStepPerSequence { get; init; } = TimeSpan.FromMilliseconds(2);

    /// <summary>Output tokens of a request that does not ask (<c>parameters.max_new_tokens</c>). Default 32.</summary>
    public int DefaultOutputTokens { get; init; } = 32;

    /// <summary>Most output tokens one request may ask for. Default 4096.</summary>
    public int MaxOutputTokens { get; init; } = 4096;

    public IEnumerable<Problem> Validate()
    {
        Problem Bad(string flag, string message) => Problem.General("sim-endpoint", flag, message);
        if (MaxBatch is < 1 or > 1024) yield return Bad("--max-batch", $"{MaxBatch} must be between 1 and 1024 sequences per instance");
        if (PrefillPerInputToken < TimeSpan.Zero || PrefillPerInputToken > TimeSpan.FromSeconds(1)) yield return Bad("--prefill-per-token", "must be between 0 and 1s");
        if (DecodeStep <= TimeSpan.Zero || DecodeStep > TimeSpan.FromSeconds(10)) yield return Bad("--decode-step", "must be above 0 and at most 10s");
        if (DecodeStepPerSequence < TimeSpan.Zero || DecodeStepPerSequence > TimeSpan.FromSeconds(1)) yield return Bad("--decode-step-per-sequence", "must be between 0 and 1s");
        if (DefaultOutputTokens < 1 || DefaultOutputTokens > MaxOutputTokens) yield return Bad("--output-tokens", $"{DefaultOutputTokens} must be between 1 and {MaxOutputTokens}");
    }
}
