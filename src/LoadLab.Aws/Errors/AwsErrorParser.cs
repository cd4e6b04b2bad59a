using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;

namespace LoadLab.Aws.Errors;

/// <summary>
/// Turns an error response into an <see cref="AwsServiceException"/>. Understands the JSON protocols
/// (<c>__type</c>, <c>code</c>, <c>message</c>/<c>Message</c>, x-amzn-ErrorType, x-amzn-query-error for
/// query-compatible services such as CloudWatch) and XML error documents (which moto sends for IAM signature
/// failures even on JSON services). Content types are not trusted: moto labels JSON as text/html.
/// </summary>
public static class AwsErrorParser
{
    public static AwsServiceException Parse(
        HttpStatusCode status, IReadOnlyDictionary<string, string> headers, ReadOnlySpan<byte> body, string service, string operation)
    {
        string? code = null, message = null, requestId = null;
        requestId = Header(headers, "x-amzn-RequestId") ?? Header(headers, "x-amz-request-id");

        var text = body.IsEmpty ? "" : Encoding.UTF8.GetString(body).Trim();
        if (text.StartsWith('{')) ParseJson(text, ref code, ref message);
        else if (text.StartsWith('<')) ParseXml(text, ref code, ref message, ref requestId);

        // Query-compatible JSON services (CloudWatch) put the classic error code here; the SDKs report that one.
        if (Header(headers, "x-amzn-query-error") is { } queryError)
        {
            var semi = queryError.IndexOf(';');
            var qc = semi < 0 ? queryError : queryError[..semi];
            if (qc.Length > 0) code = qc;
        }
        if (code is null && Header(headers, "x-amzn-ErrorType") is { } errorType) code = StripCode(errorType);
        code ??= status switch
        {
            HttpStatusCode.Forbidden => "AccessDenied",
            HttpStatusCode.NotFound => "NotFound",
            HttpStatusCode.TooManyRequests => "TooManyRequestsException",
            _ => $"Http{(int)status}",
        };
        message ??= text.Length is > 0 and <= 300 && !text.StartsWith('<') && !text.StartsWith('{') ? text : "";
        return new AwsServiceException(code, message, requestId, status, service, operation);
    }

    /// <summary>"aws.protocoltests#FooError:http://..." -> "FooError".</summary>
    public static string StripCode(string raw)
    {
        var s = raw.Trim();
        var colon = s.IndexOf(':');
        if (colon >= 0) s = s[..colon];
        var hash = s.LastIndexOf('#');
        if (hash >= 0) s = s[(hash + 1)..];
        return s;
    }

    private static void ParseJson(string text, ref string? code, ref string? message)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return;
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (p.Value.ValueKind != JsonValueKind.String) continue;
                switch (p.Name)
                {
                    case "__type": code = StripCode(p.Value.GetString()!); break;
                    case "code" or "Code" when code is null: code = StripCode(p.Value.GetString()!); break;
                    case "message" or "Message" or "errorMessage": message = p.Value.GetString(); break;
                }
            }
        }
        catch (JsonException) { /* not JSON after all: fall back to status-based code */ }
    }

    private static void ParseXml(string text, ref string? code, ref string? message, ref string? requestId)
    {
        try
        {
            var doc = XDocument.Parse(text);
            code = doc.Descendants().FirstOrDefault(e => e.Name.LocalName == "Code")?.Value ?? code;
            message = doc.Descendants().FirstOrDefault(e => e.Name.LocalName == "Message")?.Value ?? message;
            requestId ??= doc.Descendants().FirstOrDefault(e => e.Name.LocalName is "RequestId" or "RequestID")?.Value;
        }
        catch (System.Xml.XmlException) { /* not XML */ }
    }

    private static string? Header(IReadOnlyDictionary<string, string> headers, string name) =>
        headers.TryGetValue(name, out var v) && !string.IsNullOrEmpty(v) ? v : null;
}
