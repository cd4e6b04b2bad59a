using System.CommandLine;
using LoadLab.Cli.Infrastructure;
using LoadLab.SimEndpoint.Hosting;
using LoadLab.SimEndpoint.Options;

namespace LoadLab.Cli.Commands;

/// <summary>
/// <c>loadlab sim-endpoint</c>: parses flags into <see cref="SimEndpointFlags"/> and hands them to
/// <see cref="SimEndpointRunner"/> (validation, --describe, serving until Ctrl-C/SIGTERM).
/// </summary>
public static class SimEndpointCommand
{
    public static Command Create()
    {
        var port = new Option<int?>("--port") { Description = "TCP port on 127.0.0.1; 0 = any free port (the URL is printed first). Default 8080." };
        var endpointName = new Option<string?>("--endpoint-name") { Description = "Endpoint name served and registered. Default loadlab-sim." };
        var variant = new Option<string[]>("--variant") { Description = "Production variant name[:weight[:instances[:service-time-factor[:instance-type]]]]; repeat for several (e.g. cpu:1:1:2:ml.c5.xlarge, a variant at half the speed). Default AllTraffic:1.", AllowMultipleArgumentsPerToken = false };
        var instances = new Option<int?>("--instances") { Description = "Initial instances per variant. Default 1." };
        var workers = new Option<int?>("--workers") { Description = "Concurrent workers per instance. Default 4." };
        var queue = new Option<int?>("--queue") { Description = "Queue slots per instance beyond busy workers; when full, 503. Default 16." };
        var serviceTime = new Option<string?>("--service-time") { Description = "fixed:20ms | exp:20ms | lognormal:20ms,cv=0.5 (mean). Default lognormal:20ms,cv=0.5." };
        var perKb = new Option<string?>("--service-time-per-kb") { Description = "Extra service time per KiB of payload, e.g. 0.5ms. Default 0." };
        var work = new Option<string?>("--work") { Description = "sleep (wait) or cpu (burn real CPU) for the service time. Default sleep." };
        var startupDelay = new Option<string?>("--startup-delay") { Description = "Time for a new instance to go InService. Default 30s." };
        var startupJitter = new Option<string?>("--startup-jitter") { Description = "Uniform +/- jitter on the startup delay. Default 5s (at most the delay)." };
        var drainTimeout = new Option<string?>("--drain-timeout") { Description = "Longest a removed instance drains. Default 60s." };
        var metricsPeriod = new Option<string?>("--metrics-period") { Description = "CloudWatch period: 60s, or 1s/5s/10s/30s high resolution. Default 60s." };
        var latencyShape = new Option<string?>("--latency-shape") { Description = "ModelLatency/OverheadLatency as statistics (StatisticValues) or values (Values/Counts). Default statistics." };
        var errorRate = new Option<double?>("--error-rate") { Description = "Fraction of requests answered with ModelError 424. Default 0." };
        var seed = new Option<long?>("--seed") { Description = "Seed of every random draw. Default 1." };
        var routing = new Option<string?>("--routing") { Description = "random or least-outstanding. Default random." };
        var verify = new Option<bool>("--verify-sigv4") { Description = "Reject requests whose SigV4 signature does not verify against the configured credentials." };
        var timeScale = new Option<double?>("--time-scale") { Description = "Emulated seconds per real second for startup, drain and metrics. Default 1." };
        var maxRps = new Option<double?>("--max-rps") { Description = "Throttle above this endpoint-wide rate (ThrottlingException); 0 = never. Default 0." };
        var throttleStatus = new Option<int?>("--throttle-status") { Description = "HTTP status of ThrottlingException: 400 or 429. Default 400." };
        var maxInstances = new Option<int?>("--max-instances") { Description = "Most instances a variant may be scaled to. Default 20." };
        var poll = new Option<string?>("--control-plane-poll") { Description = "How often DescribeEndpoint is polled for desired-count changes. Default 2s." };
        var standalone = new Option<bool>("--standalone") { Description = "Do not register with a control plane or publish metrics." };
        var autoscale = new Option<bool?>("--autoscale") { Description = "Emulate Application Auto Scaling with the simulator's autoscaler (true/false). Default: on when registered with a control plane." };
        var autoscaleRealRate = new Option<bool>("--autoscale-real-rate") { Description = "With --time-scale: the emulated autoscaler reads invocations per instance per REAL minute (published count x time scale), the units of recommended targets." };
        var describe = new Option<bool>("--describe") { Description = "Print per-instance capacity and the sustainable load at the SLO, then exit." };
        var sloPercentile = new Option<double?>("--slo-percentile") { Description = "With --describe: latency percentile of the SLO. Default 90." };
        var sloMs = new Option<double?>("--slo-ms") { Description = "With --describe: latency bound in ms. Default 250." };
        var sloMaxErrorRate = new Option<double?>("--slo-max-error-rate") { Description = "With --describe: error budget of the SLO, the fraction of requests allowed to fail (503 or model error). Default 0.01." };
        var payloadBytes = new Option<long?>("--payload-bytes") { Description = "With --describe: payload size for --service-time-per-kb. Default 0." };
        var json = new Option<bool>("--json") { Description = "With --describe: print JSON." };

        var command = new Command("sim-endpoint", "Serve a local SageMaker-compatible endpoint with instances, queues and CloudWatch metrics.");
        foreach (var o in new Option[] { port, endpointName, variant, instances, workers, queue, serviceTime, perKb, work, startupDelay, startupJitter,
                     drainTimeout, metricsPeriod, latencyShape, errorRate, seed, routing, verify, timeScale, maxRps, throttleStatus, maxInstances,
                     poll, standalone, autoscale, autoscaleRealRate, describe, sloPercentile, sloMs, sloMaxErrorRate, payloadBytes, json })
            command.Options.Add(o);

        command.SetAction((parse, ct) =>
        {
            var aws = GlobalOptions.Read(parse);
            var flags = new SimEndpointFlags
            {
                Port = parse.GetValue(port), EndpointName = parse.GetValue(endpointName), Variants = parse.GetValue(variant) ?? [],
                Instances = parse.GetValue(instances), Workers = parse.GetValue(workers), Queue = parse.GetValue(queue),
                ServiceTime = parse.GetValue(serviceTime), ServiceTimePerKb = parse.GetValue(perKb), Work = parse.GetValue(work),
                StartupDelay = parse.GetValue(startupDelay), StartupJitter = parse.GetValue(startupJitter), DrainTimeout = parse.GetValue(drainTimeout),
                MetricsPeriod = parse.GetValue(metricsPeriod), LatencyShape = parse.GetValue(latencyShape), ErrorRate = parse.GetValue(errorRate),
                Seed = parse.GetValue(seed), Routing = parse.GetValue(routing), VerifySigV4 = parse.GetValue(verify), TimeScale = parse.GetValue(timeScale),
                MaxRps = parse.GetValue(maxRps), ThrottleStatus = parse.GetValue(throttleStatus), MaxInstances = parse.GetValue(maxInstances),
                ControlPlanePoll = parse.GetValue(poll), Standalone = parse.GetValue(standalone), Autoscale = parse.GetValue(autoscale), AutoscaleRealRate = parse.GetValue(autoscaleRealRate),
                Region = aws.Region, Profile = aws.Profile, EndpointUrl = aws.EndpointUrl,
                Describe = parse.GetValue(describe), SloPercentile = parse.GetValue(sloPercentile), SloMs = parse.GetValue(sloMs),
                SloMaxErrorRate = parse.GetValue(sloMaxErrorRate),
                PayloadBytes = parse.GetValue(payloadBytes), Json = parse.GetValue(json),
            };
            return SimEndpointRunner.RunAsync(flags, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, ct);
        });
        return command;
    }
}
