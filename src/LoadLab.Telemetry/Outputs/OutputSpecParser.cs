using System.Globalization;

namespace LoadLab.Telemetry.Outputs;

/// <summary>
/// Reads the values of <c>run --out</c>, k6 style: <c>otlp[=URL]</c>, <c>prometheus[=:PORT]</c> and
/// <c>jsonl=FILE</c> are live outputs; any other value is the run directory (at most one). A directory really called
/// "otlp" or "prometheus" is written <c>./otlp</c>.
/// </summary>
public static class OutputSpecParser
{
    /// <summary>The run directory (null when none was given) and the live outputs.</summary>
    public sealed record Parsed(string? RunDirectory, TelemetryOptions Options);

    /// <exception cref="FormatException">A value that names an output but is malformed, or two run directories; the message says which.</exception>
    public static Parsed Parse(IEnumerable<string> values, TelemetryOptions? start = null)
    {
        var options = start ?? new TelemetryOptions();
        string? dir = null;
        foreach (var raw in values)
        {
            var value = raw.Trim();
            var (kind, arg) = Split(value);
            switch (kind)
            {
                case "otlp":
                    options = options with { OtlpEndpoint = arg is null ? TelemetryOptions.DefaultOtlpEndpoint : OtlpUri(arg, raw) };
                    break;
                case "prometheus":
                    options = options with { PrometheusPort = arg is null ? TelemetryOptions.DefaultPrometheusPort : Port(arg, raw) };
                    break;
                case "jsonl":
                    if (string.IsNullOrWhiteSpace(arg)) throw new FormatException($"'{raw}': jsonl needs a file, as in jsonl=run.jsonl");
                    options = options with { JsonlPath = arg };
                    break;
                default:
                    if (dir is not null)
                        throw new FormatException($"'{raw}': a second run directory (the first was '{dir}'); live outputs are otlp[=URL], prometheus[=:PORT], jsonl=FILE");
                    dir = raw;
                    break;
            }
        }
        return new Parsed(dir, options);
    }

    /// <summary><c>--dashboard</c> or <c>--dashboard=:PORT</c> (the value after the flag; null or empty = the default port).</summary>
    public static int DashboardPort(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return TelemetryOptions.DefaultDashboardPort;
        var t = value.Trim();
        if (t.TrimStart(':').Length == 0 || !t.TrimStart(':').All(char.IsAsciiDigit))
            throw new FormatException($"--dashboard '{value}': expected :PORT, as in --dashboard=:5665 (a bare --dashboard goes after the scenario)");
        return Port(t, "--dashboard=" + value);
    }

    private static (string? Kind, string? Arg) Split(string value)
    {
        var eq = value.IndexOf('=', StringComparison.Ordinal);
        var head = (eq < 0 ? value : value[..eq]).ToLowerInvariant();
        if (head is not ("otlp" or "prometheus" or "jsonl")) return (null, null);
        return (head, eq < 0 ? null : value[(eq + 1)..]);
    }

    /// <summary>":9464" or "9464"; loopback only, so a host part is refused rather than ignored.</summary>
    internal static int Port(string text, string raw)
    {
        var t = text.StartsWith(':') ? text[1..] : text;
        if (int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535) return port;
        throw new FormatException($"'{raw}': expected :PORT (1-65535) on 127.0.0.1, as in :9464");
    }

    /// <summary>An http(s) URL; a bare host:port gets OTLP/HTTP's metrics path (/v1/metrics).</summary>
    internal static Uri OtlpUri(string text, string raw)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new FormatException($"'{raw}': expected an http(s) URL of an OTLP/HTTP receiver, as in otlp=http://127.0.0.1:4318");
        return uri.AbsolutePath is "" or "/" ? new Uri(uri, "/v1/metrics") : uri;
    }
}
