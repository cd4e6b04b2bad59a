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
        var port = new Option<int?>("--port") { Description = "TCP port on 127.0.0.1; 0 = any free port (the URL is printed first) (default: 8080)." };
        var endpointName = new Option<string?>("--endpoint-name") { Description = "Endpoint name served and registered (default: loadlab-sim)." };
        var variant = new Option<string[]>("--variant") { Description = "Production variant name[:weight[:instances[:service-time-factor[:instance-type]]]]; repeat for several (e.g. cpu:1:1:2:ml.c5.xlarge, a variant at half the speed) (default: AllTraffic:1).", AllowMultipleArgumentsPerToken = false };
        var instances = new Option<int?>("--instances") { Description = "Initial instances per variant (default: 1)." };
        var workers = new Option<int?>("--workers") { Description = "Concurrent workers per instance (default: 4)." };
        var queue = new Option<int?>("--queue") { Description = "Queue slots per instance beyond busy workers; when full, 503 (default: 16)." };
        var serviceTime = new Option<string?>("--service-time") { Description = "fixed:20ms | exp:20ms | lognormal:20ms,cv=0.5 (mean) (default: lognormal:20ms,cv=0.5)." };
        var perKb = new Option<string?>("--service-time-per-kb") { Description = "Extra service time per KiB of payload, e.g. 0.5ms (default: 0)." };
        var work = new Option<string?>("--work") { Description = "sleep (wait) or cpu (burn real CPU) for the service time (default: sleep)." };
        var startupDelay = new Option<string?>("--startup-delay") { Description = "Time for a new instance to go InService (default: 30s)." };
        var startupJitter = new Option<string?>("--startup-jitter") { Description = "Uniform +/- jitter on the startup delay (default: 5s (at most the delay))." };
        var drainTimeout = new Option<string?>("--drain-timeout") { Description = "Longest a removed instance drains (default: 60s)." };
        var metricsPeriod = new Option<string?>("--metrics-period") { Description = "CloudWatch period: 60s, or 1s/5s/10s/30s high resolution (default: 60s)." };
        var latencyShape = new Option<string?>("--latency-shape") { Description = "ModelLatency/OverheadLatency as statistics (StatisticValues) or values (Values/Counts) (default: statistics)." };
        var errorRate = new Option<double?>("--error-rate") { Description = "Fraction of requests answered with ModelError 424 (default: 0)." };
        var seed = new Option<long?>("--seed") { Description = "Seed of every random draw (default: 1)." };
        var routing = new Option<string?>("--routing") { Description = "random or least-outstanding (default: random)." };
        var verify = new Option<bool>("--verify-sigv4") { Description = "Reject requests whose SigV4 signature does not verify against the configured credentials." };
        var timeScale = new Option<double?>("--time-scale") { Description = "Emulated seconds per real second for startup, drain and metrics (default: 1)." };
        var maxRps = new Option<double?>("--max-rps") { Description = "Throttle above this endpoint-wide rate (ThrottlingException); 0 = never (default: 0)." };
        var throttleStatus = new Option<int?>("--throttle-status") { Description = "HTTP status of ThrottlingException: 400 or 429 (default: 400)." };
        var maxInstances = new Option<int?>("--max-instances") { Description = "Most instances a variant may be scaled to (default: 20)." };
        var poll = new Option<string?>("--control-plane-poll") { Description = "How often DescribeEndpoint is polled for desired-count changes (default: 2s)." };
        var standalone = new Option<bool>("--standalone") { Description = "Do not register with a control plane or publish metrics." };
        var autoscale = new Option<bool?>("--autoscale") { Description = "Emulate Application Auto Scaling with the simulator's autoscaler (true/false) (default: on when registered with a control plane)." };
        var alarmDelay = new Option<string?>("--autoscale-alarm-delay") { Description = "Emulated delay from a metric period's end to the autoscaler acting on it (publication and alarm evaluation; `simulate` does not model it) (default: 60s)." };
        var alarmJitter = new Option<string?>("--autoscale-alarm-jitter") { Description = "A further seeded uniform delay in [0, this] per evaluation (default: 30s)." };
        var autoscaleRealRate = new Option<bool>("--autoscale-real-rate") { Description = "With --time-scale: the emulated autoscaler reads invocations per instance per REAL minute (published count x time scale), the units of recommended targets." };
        var describe = new Option<bool>("--describe") { Description = "Print per-instance capacity and the sustainable load at the SLO, then exit." };
        var sloPercentile = new Option<double?>("--slo-percentile") { Description = "With --describe: latency percentile of the SLO (default: 90)." };
        var sloMs = new Option<double?>("--slo-ms") { Description = "With --describe: latency bound in ms (default: 250)." };
        var sloMaxErrorRate = new Option<double?>("--slo-max-error-rate") { Description = "With --describe: error budget of the SLO, the fraction of requests allowed to fail (503 or model error) (default: 0.01)." };
        var payloadBytes = new Option<long?>("--payload-bytes") { Description = "With --describe: payload size for --service-time-per-kb (default: 0)." };
        var json = new Option<bool>("--json") { Description = "With --describe: print JSON." };
        var model = new Option<string?>("--model") { Description = "default (service time on workers) or llm (continuous batching, tokens streamed on /invocations-response-stream) (default: default)." };
        var maxBatch = new Option<int?>("--max-batch") { Description = "With --model llm: sequences decoded together per instance; more wait in --queue (default: 8)." };
        var prefill = new Option<string?>("--prefill-per-token") { Description = "With --model llm: prefill time per input token (default: 0.2ms)." };
        var decodeStep = new Option<string?>("--decode-step") { Description = "With --model llm: one decode step with a batch of one (default: 15ms)." };
        var decodePerSeq = new Option<string?>("--decode-step-per-sequence") { Description = "With --model llm: what each further sequence adds to a step (default: 2ms)." };
        var outputTokens = new Option<int?>("--output-tokens") { Description = "With --model llm: tokens generated when the request has no parameters.max_new_tokens (default: 32)." };

        var command = new Command("sim-endpoint", "Serve a local SageMaker-compatible endpoint with instances, queues and CloudWatch metrics.");
        foreach (var o in new Option[] { port, endpointName, variant, instances, workers, queue, serviceTime, perKb, work, startupDelay, startupJitter,
                     drainTimeout, metricsPeriod, latencyShape, errorRate, seed, routing, verify, timeScale, maxRps, throttleStatus, maxInstances,
                     poll, standalone, autoscale, autoscaleRealRate, alarmDelay, alarmJitter, describe, sloPercentile, sloMs, sloMaxErrorRate, payloadBytes, json,
                     model, maxBatch, prefill, decodeStep, decodePerSeq, outputTokens })
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
                AutoscaleAlarmDelay = parse.GetValue(alarmDelay), AutoscaleAlarmJitter = parse.GetValue(alarmJitter),
                Region = aws.Region, Profile = aws.Profile, EndpointUrl = aws.EndpointUrl,
                Describe = parse.GetValue(describe), SloPercentile = parse.GetValue(sloPercentile), SloMs = parse.GetValue(sloMs),
                SloMaxErrorRate = parse.GetValue(sloMaxErrorRate),
                PayloadBytes = parse.GetValue(payloadBytes), Json = parse.GetValue(json),
                Model = parse.GetValue(model), MaxBatch = parse.GetValue(maxBatch), PrefillPerToken = parse.GetValue(prefill),
                DecodeStep = parse.GetValue(decodeStep), DecodeStepPerSequence = parse.GetValue(decodePerSeq), OutputTokens = parse.GetValue(outputTokens),
            };
            return SimEndpointRunner.RunAsync(flags, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, ct);
        });
        return command;
    }
}
