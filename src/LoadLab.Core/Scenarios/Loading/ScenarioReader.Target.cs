using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace LoadLab.Core.Scenarios.Loading;

/// <summary>The <c>target</c> section: a SageMaker endpoint (default) or an HTTP URL, with their names checked as AWS checks them.</summary>
internal sealed partial class ScenarioReader
{
    // SageMaker: EndpointName and VariantName are ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}
    [GeneratedRegex("^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$")]
    private static partial Regex SageMakerName();

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$")]
    private static partial Regex RegionName();

    // RFC 9110 token characters for header names.
    [GeneratedRegex("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")]
    private static partial Regex HeaderName();

    private static readonly string[] HttpMethods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

    private TargetSpec? ReadTarget(YamlNode node)
    {
        var f = YamlFields.Open(node, "target", sink);
        if (f is null) return null;
        var kind = f.Choice("kind", ["sagemaker", "http"]);
        if (kind is null && f.Get("kind") is not null)
        {
            f.RejectUnknown(ScenarioFields.AnyTarget);
            return null;
        }
        kind ??= "sagemaker";
        var isSageMaker = kind == "sagemaker";
        f.RejectUnknown(isSageMaker ? ScenarioFields.SageMakerTarget : ScenarioFields.HttpTarget, field =>
            isSageMaker && ScenarioFields.HttpOnly.Contains(field)
                ? "applies to http targets only (set kind: http)"
                : !isSageMaker && ScenarioFields.SageMakerOnly.Contains(field)
                    ? "applies to sagemaker targets only (this target is kind: http)"
                    : null);

        var timeout = PositiveDuration(f, "timeout") ?? TimeSpan.FromSeconds(60);
        var stream = f.Bool("stream") ?? false;
        if (isSageMaker)
        {
            var endpoint = f.String("endpoint", required: true);
            if (endpoint is not null && !SageMakerName().IsMatch(endpoint))
                f.Problem("endpoint", $"'{endpoint}' is not a SageMaker endpoint name (letters, digits and '-', at most 63, not starting or ending with '-')");
            var variant = f.String("variant");
            if (variant is not null && !SageMakerName().IsMatch(variant))
                f.Problem("variant", $"'{variant}' is not a SageMaker variant name (letters, digits and '-', at most 63)");
            var region = f.String("region");
            if (region is not null && !RegionName().IsMatch(region))
                f.Problem("region", $"'{region}' is not an AWS region name (e.g. us-east-1)");
            var endpointUrl = f.String("endpointUrl");
            if (endpointUrl is not null) CheckAbsoluteUrl(f, "endpointUrl", endpointUrl);
            var custom = f.String("customAttributes");
            if (custom is not null && (custom.Length > 1024 || custom.Any(c => c < 0x20 || c > 0x7e)))
                f.Problem("customAttributes", "must be at most 1024 printable ASCII characters (a SageMaker limit)");
            var targetVariant = f.String("targetVariant");
            if (targetVariant is not null && !SageMakerName().IsMatch(targetVariant))
                f.Problem("targetVariant", $"'{targetVariant}' is not a SageMaker variant name");
            if (endpoint is null) return null;
            return new TargetSpec
            {
                Kind = TargetKind.SageMaker,
                Endpoint = endpoint,
                Variant = variant ?? "AllTraffic",
                Region = region,
                EndpointUrl = endpointUrl,
                CustomAttributes = custom,
                TargetVariant = targetVariant,
                Timeout = timeout,
                Stream = stream,
            };
        }

        var url = f.String("url", required: true);
        if (url is not null) CheckAbsoluteUrl(f, "url", url);
        var method = f.String("method")?.Trim().ToUpperInvariant();
        if (method is not null && !HttpMethods.Contains(method))
            f.Problem("method", $"'{method}' is not one of: {string.Join(", ", HttpMethods)}");
        var headers = f.Get("headers") is { } h ? ReadHeaders(h) : new Dictionary<string, string>();
        if (url is null) return null;
        return new TargetSpec
        {
            Kind = TargetKind.Http,
            Url = url,
            Method = method ?? "POST",
            Headers = headers ?? new Dictionary<string, string>(),
            Timeout = timeout,
            Stream = stream,
        };
    }

    private void CheckAbsoluteUrl(YamlFields f, string key, string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(uri.Host))
            f.Problem(key, $"'{text}' is not an absolute http:// or https:// URL");
    }

    private Dictionary<string, string>? ReadHeaders(YamlNode node)
    {
        var f = YamlFields.Open(node, "target.headers", sink);
        if (f is null) return null;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in f.Names)
        {
            if (!HeaderName().IsMatch(name))
            {
                f.ProblemAtKey(name, $"'{name}' is not a valid HTTP header name");
                continue;
            }
            var value = f.Get(name) is null ? "" : f.String(name);
            if (value is null) continue;
            if (value.Contains('\r') || value.Contains('\n'))
            {
                f.Problem(name, "header values cannot contain line breaks");
                continue;
            }
            if (!headers.TryAdd(name, value)) f.ProblemAtKey(name, "header given twice (names are case-insensitive)");
        }
        return headers;
    }
}
