using System.Net;

namespace LoadLab.Reporting.Exporters;

/// <summary>HTML escaping: every string from a file or a user passes through <see cref="E"/>.</summary>
public static class Html
{
    /// <summary>Escapes &amp; &lt; &gt; " ' so the text is safe in element content and in quoted attributes.</summary>
    public static string E(string? s) => s is null ? "" : WebUtility.HtmlEncode(s);
}
