using System.Globalization;
using System.Text;
using LoadLab.Aws.SageMakerRuntime.Streaming;

namespace LoadLab.SimEndpoint.Llm;

/// <summary>
/// The simulated model's output as Hugging Face TGI streams it (and SageMaker's LLM containers pass through): one SSE
/// line per token, <c>data:{"token":{"id":..,"text":..,"logprob":..,"special":false},"generated_text":null,"details":null}</c>,
/// the last one carrying the whole <c>generated_text</c>; each line wrapped in a PayloadPart event-stream frame.
/// The words are a fixed cycle, so a response is reproducible.
/// </summary>
public static class TgiTokenFrames
{
    private static readonly string[] Words = ["the", "load", "is", "steady", "and", "every", "token", "arrives", "on", "time"];

    public static string Text(int index) => (index == 0 ? "" : " ") + Words[index % Words.Length];

    public static string Line(int index, int outputTokens)
    {
        var last = index == outputTokens - 1;
        var generated = last ? "\"" + string.Concat(Enumerable.Range(0, outputTokens).Select(Text)) + "\"" : "null";
        var details = last ? $"{{\"finish_reason\":\"length\",\"generated_tokens\":{outputTokens.ToString(CultureInfo.InvariantCulture)}}}" : "null";
        return string.Create(CultureInfo.InvariantCulture,
            $"data:{{\"token\":{{\"id\":{1000 + index % Words.Length},\"text\":\"{Text(index)}\",\"logprob\":-0.25,\"special\":false}},\"generated_text\":{generated},\"details\":{details}}}\n\n");
    }

    public static byte[] Frame(int index, int outputTokens) => ResponseStreamEvents.EncodePayloadPart(Encoding.UTF8.GetBytes(Line(index, outputTokens)));
}
