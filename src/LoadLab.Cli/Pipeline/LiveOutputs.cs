using System.Net;
using LoadLab.Core.Errors;
using LoadLab.Telemetry;
using LoadLab.Telemetry.Outputs;

namespace LoadLab.Cli.Pipeline;

/// <summary>Starts the run's live outputs (saying where they are) and stops them (saying what any of them dropped).</summary>
public static class LiveOutputs
{
    /// <summary>Null when no live output was asked for.</summary>
    public static TelemetrySession? Start(TelemetryOptions options, TextWriter stdout)
    {
        if (!options.Any) return null;
        TelemetrySession session;
        try
        {
            session = TelemetrySession.Start(options, TimeProvider.System, Engine.Running.RunInfoBuilder.DefaultToolVersion);
        }
        catch (HttpListenerException e)
        {
            var flag = options.DashboardPort is not null && options.PrometheusPort is null ? "--dashboard" : "--out";
            throw new UserInputException(flag, flag, $"cannot listen on 127.0.0.1 (port {options.DashboardPort?.ToString() ?? ""}{(options.DashboardPort is not null && options.PrometheusPort is not null ? " or " : "")}{options.PrometheusPort?.ToString() ?? ""}): {e.Message}; pick another port");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException("--out", "--out", $"jsonl={options.JsonlPath}: {e.Message}");
        }
        if (session.DashboardUrl is { } url) stdout.WriteLine($"live dashboard: {url}");
        if (session.PrometheusUrl is { } metrics) stdout.WriteLine($"prometheus metrics: {metrics}");
        if (options.OtlpEndpoint is { } otlp) stdout.WriteLine($"otlp metrics to: {otlp}");
        if (options.JsonlPath is { } jsonl) stdout.WriteLine($"jsonl: {jsonl}");
        return session;
    }

    public static async Task StopAsync(TelemetrySession? session, TextWriter stderr)
    {
        if (session is null) return;
        await session.DisposeAsync().ConfigureAwait(false);
        foreach (var warning in session.Warnings) stderr.WriteLine($"warning: {warning}");
    }
}
