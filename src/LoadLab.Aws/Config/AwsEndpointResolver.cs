using LoadLab.Core.Errors;

namespace LoadLab.Aws.Config;

/// <summary>
/// Endpoint URL for a service, with the AWS CLI's precedence: --endpoint-url, then AWS_ENDPOINT_URL_&lt;SERVICE&gt;,
/// then AWS_ENDPOINT_URL (both ignored when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true), then the public endpoint
/// https://&lt;prefix&gt;.&lt;region&gt;.amazonaws.com (".com.cn" in China regions).
/// </summary>
public static class AwsEndpointResolver
{
    public static Uri Resolve(AwsService service, string region, string? endpointUrl, AwsEnvironment env)
    {
        if (endpointUrl is { Length: > 0 }) return Parse(endpointUrl, "--endpoint-url");
        var ignore = string.Equals(env.Get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"), "true", StringComparison.OrdinalIgnoreCase);
        if (!ignore)
        {
            if (env.Get(service.EndpointEnvironmentVariable) is { } perService) return Parse(perService, service.EndpointEnvironmentVariable);
            if (env.Get("AWS_ENDPOINT_URL") is { } global) return Parse(global, "AWS_ENDPOINT_URL");
        }
        var suffix = region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
        return new Uri($"https://{service.EndpointPrefix}.{region}.{suffix}/");
    }

    /// <summary>An http(s) endpoint URL, normalised to end in '/'; a bad one is a user error naming <paramref name="source"/>.</summary>
    public static Uri Parse(string value, string source)
    {
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            return uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri.GetLeftPart(UriPartial.Path) + "/");
        throw new UserInputException(source, source, $"'{value}' is not an http(s) URL");
    }
}
