using System.CommandLine;
using LoadLab.Core.Errors;
using LoadLab.Telemetry.Outputs;

namespace LoadLab.Cli.Infrastructure;

/// <summary>
/// <c>run</c>'s <c>--out</c> (the run directory, and k6-style live outputs: <c>otlp[=URL]</c>,
/// <c>prometheus[=:PORT]</c>, <c>jsonl=FILE</c>; repeatable) and <c>--dashboard[=:PORT]</c>.
/// </summary>
public sealed class TelemetryFlags
{
    public Option<string[]> Out { get; } = new("--out")
    {
        Description = "Run directory (default: reports/<scenario>-<yyyyMMddTHHmmssZ>); repeat it for live outputs: otlp[=URL] (OTLP/HTTP metrics, " +
                      "to http://127.0.0.1:4318/v1/metrics without a URL), prometheus[=:PORT] (serves /metrics on 127.0.0.1, port 9464 without one), " +
                      "jsonl=FILE (a line per second and per event). A directory named like an output is written ./otlp.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public Option<string?> Dashboard { get; } = new("--dashboard")
    {
        Description = "Serve a live dashboard of the run on 127.0.0.1 (port 5665, or --dashboard=:PORT for another), " +
                      "updated every second; it links the report when the run ends.",
        Arity = ArgumentArity.ZeroOrOne,
        // Its value must be a port: `run --dashboard scenario.yaml` is refused with that advice rather than read as a port.
        CustomParser = r => r.Tokens.Count == 0 ? "" : r.Tokens[0].Value,
    };

    public IEnumerable<Option> All => [Out, Dashboard];

    /// <summary>The run directory given with --out (or null) and the live outputs; bad values exit 2 naming the flag.</summary>
    public OutputSpecParser.Parsed Bind(ParseResult parse)
    {
        try
        {
            var parsed = OutputSpecParser.Parse(parse.GetValue(Out) ?? []);
            if (parse.GetResult(Dashboard) is null) return parsed;
            var port = OutputSpecParser.DashboardPort(parse.GetValue(Dashboard));
            var options = parsed.Options with { DashboardPort = port };
            if (options.PrometheusPort == port)
                throw new FormatException($"--dashboard port {port} is also prometheus's; give one of them another port");
            return parsed with { Options = options };
        }
        catch (FormatException e)
        {
            var flag = e.Message.Contains("--dashboard", StringComparison.Ordinal) ? "--dashboard" : "--out";
            throw new UserInputException(flag, flag, e.Message);
        }
    }
}
