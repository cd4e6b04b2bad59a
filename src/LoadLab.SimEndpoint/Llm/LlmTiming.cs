namespace LoadLab.SimEndpoint.Llm;

/// <summary>
/// The pure timing of the simulated model. One engine step decodes one token for every sequence in the batch and
/// prefills the sequences that joined at that step (their prompt is processed and their first token comes out at the
/// end of the same step, as in TGI and vLLM's chunk-free scheduling):
/// <c>step = decode + perSequence × (batch − 1) + Σ prefillPerToken × inputTokens(joining)</c>.
/// So time to first token grows with the prompt and with the batch it joins, and every token of every sequence in
/// the batch slows down as the batch grows.
/// </summary>
public static class LlmTiming
{
    public static double StepSeconds(LlmOptions o, int batch, long joiningInputTokens) =>
        o.DecodeStep.TotalSeconds + o.DecodeStepPerSequence.TotalSeconds * Math.Max(0, batch - 1)
        + o.PrefillPerInputToken.TotalSeconds * joiningInputTokens;

    /// <summary>Output tokens per second of one instance with a full, steady batch (no prefill): the decode throughput.</summary>
    public static double SteadyTokensPerSecond(LlmOptions o, int batch) => batch / StepSeconds(o, batch, 0);
}
