using System.Net;
using LoadLab.Core.Text;

namespace LoadLab.Reporting.Exporters;

/// <summary>HTML escaping: every string from a file or a user passes through <see cref="E"/>.</summary>
public static class Html
{
    /// <summary>
    /// Escapes &amp; &lt; &gt; " ' so the text is safe in element content and in quoted attributes, after neutralising
    /// control characters and bidi overrides (<see cref="SafeText"/>), so a run file cannot reorder what the reader sees.
    /// </summary>
    public static string E(string? s) => s is null ? "" : WebUtility.HtmlEncode(SafeText.Neutralize(s));
}
