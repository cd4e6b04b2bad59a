namespace LoadLab.Core.RunFiles;

/// <summary>
/// The streaming (generative model) columns of one timeline second or one step: time to first token and
/// inter-token latency percentiles of the successful requests, and the output tokens they produced. Written only
/// by streaming runs, after every other column, so the files of other runs keep their exact layout.
/// </summary>
/// <param name="TtftP50Ms">Time to first token, median, from the request's SCHEDULED start (as latency).</param>
/// <param name="ItlP50Ms">Gap between consecutive tokens of one response, median over every gap.</param>
/// <param name="OutputTokens">Tokens received by the requests that completed in the second (or step).</param>
/// <param name="OutputTokensPerS">Those tokens over the seconds they were counted in.</param>
public sealed record TokenCells(double TtftP50Ms, double TtftP90Ms, double ItlP50Ms, double ItlP90Ms, long OutputTokens, double OutputTokensPerS)
{
    /// <summary>The cells of a row read back: null when the file has no token columns (not a streaming run).</summary>
    public static TokenCells? Read(Csv.CsvRowReader r) => !r.Has("output_tokens") ? null : new TokenCells(
        r.NonNegative("ttft_p50_ms") ?? double.NaN, r.NonNegative("ttft_p90_ms") ?? double.NaN,
        r.NonNegative("itl_p50_ms") ?? double.NaN, r.NonNegative("itl_p90_ms") ?? double.NaN,
        r.Count("output_tokens") ?? 0, r.NonNegative("output_tokens_per_s") ?? double.NaN);

    /// <summary>The columns, in the order they follow the others.</summary>
    public static readonly (string Name, Func<TokenCells?, string> Cell)[] Columns =
    [
        ("ttft_p50_ms", t => CsvFormat.Number(t?.TtftP50Ms)),
        ("ttft_p90_ms", t => CsvFormat.Number(t?.TtftP90Ms)),
        ("itl_p50_ms", t => CsvFormat.Number(t?.ItlP50Ms)),
        ("itl_p90_ms", t => CsvFormat.Number(t?.ItlP90Ms)),
        ("output_tokens", t => t is null ? "" : CsvFormat.Count(t.OutputTokens)),
        ("output_tokens_per_s", t => CsvFormat.Number(t?.OutputTokensPerS)),
    ];
}
