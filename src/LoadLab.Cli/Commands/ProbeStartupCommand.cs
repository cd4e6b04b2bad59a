using System.CommandLine;
using System.Globalization;
using LoadLab.Aws;
using LoadLab.Cli.Infrastructure;
using LoadLab.Core.Errors;
using LoadLab.Core.Json;
using LoadLab.Core.Scenarios;
using LoadLab.Engine.Targets;
using LoadLab.Verify.Observers;
using LoadLab.Verify.Probe;

namespace LoadLab.Cli.Commands;

/// <summary>
/// <c>loadlab probe-startup &lt;scenario&gt; [--out startup.json] [--sample-every 5s] [--timeout 30m] [--admin-url URL] --yes</c>:
/// measures one instance startup of the scenario's variant by raising its desired count by one and setting it back.
/// Without --yes it only says what it would do. Thin over <see cref="StartupProbe"/>.
/// </summary>
public static class ProbeStartupCommand
{
    public static Command Create()
    {
        var scenario = new Argument<string>("scenario") { Description = "Scenario whose target names the endpoint and variant (target.kind: sagemaker)." };
        var outFile = new Option<string>("--out") { Description = "Where to write the measurement.", DefaultValueFactory = _ => "startup.json" };
        var every = new Option<string>("--sample-every") { Description = "DescribeEndpoint sampling interval: the measurement's resolution.", DefaultValueFactory = _ => "5s" };
        var timeout = new Option<string>("--timeout") { Description = "Longest wait for the added instance; the count is set back either way.", DefaultValueFactory = _ => "30m" };
        var adminUrl = new Option<string?>("--admin-url") { Description = "Base URL of the sim endpoint (its admin API) to read instance counts from. (default: the scenario's target when it is the sim, else DescribeEndpoint)" };
        var yes = new Option<bool>("--yes") { Description = "Change the endpoint: without it the command only prints what it would do." };
        var command = new Command("probe-startup", "Measure one instance startup: raise the variant's desired count by one, wait until the instance is in service, set it back.")
        {
            scenario, outFile, every, timeout, adminUrl, yes,
        };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var aws = GlobalOptions.Read(parse);
            var path = parse.GetValue(scenario)!;
            var options = new StartupProbeOptions
            {
                SampleEvery = DurationArgument.Parse(parse.GetValue(every)!, "--sample-every"),
                Timeout = DurationArgument.Parse(parse.GetValue(timeout)!, "--timeout"),
            };
            if (options.Validate() is { Count: > 0 } problems) throw new UserInputException(problems);
            var loaded = ScenarioLoader.Load(path);
            if (loaded.Target.Kind != TargetKind.SageMaker || loaded.Target.Endpoint is not { } endpoint)
                throw new UserInputException(path, "target", "probe-startup needs a SageMaker endpoint target (target.kind: sagemaker with endpoint and variant)");
            var outPath = parse.GetValue(outFile)!;
            if (File.Exists(outPath)) throw new UserInputException(outPath, "--out", "already exists: probe-startup never writes over a file (choose another --out)");
            var variant = loaded.Target.Variant;
            if (!parse.GetValue(yes))
            {
                output.WriteLine($"plan: raise {variant} of endpoint {endpoint} by one instance with UpdateEndpointWeightsAndCapacities, sample DescribeEndpoint every {DurationText.Format(options.SampleEvery)} until it is in service (at most {DurationText.Format(options.Timeout)}), then set the count back.");
                output.WriteLine("This changes a live endpoint and is billed for one instance for about its startup. Nothing was changed: add --yes to run it.");
                return ExitCodes.Ok;
            }

            var warnings = new List<Core.Findings.Finding>();
            var settings = new TargetSettings(aws.Region, aws.Profile, aws.EndpointUrl);
            using var observer = await ScalingObserverChoice.ChooseAsync(parse.GetValue(adminUrl), loaded, path, settings, warnings, TimeProvider.System, "probe-startup", ct);
            using var context = AwsContext.Create(aws.Region ?? loaded.Target.Region, aws.Profile, aws.EndpointUrl);
            var probe = new StartupProbe(observer, context.SageMaker(), endpoint, variant, TimeProvider.System);
            output.WriteLine($"probe-startup: reading instance counts through {observer.Description}");
            var ci = CultureInfo.InvariantCulture;
            Core.RunFiles.StartupProbeFile file;
            try
            {
                file = await probe.RunAsync(options, e => output.WriteLine(e switch
                {
                    StartupProbeEvent.Raised r => $"  desired {r.From} -> {r.To} (UpdateEndpointWeightsAndCapacities accepted)",
                    StartupProbeEvent.Sampled s => string.Create(ci, $"  {s.Sample.TimeUtc:HH:mm:ss} {s.Sample.Status}: {s.Sample.CurrentInstances} of {s.Sample.DesiredInstances} in service"),
                    StartupProbeEvent.Restoring r => $"  setting the desired count back to {r.To}",
                    _ => e.ToString(),
                }), ct);
            }
            catch (Exception ex) when (ex is not UserInputException)
            {
                // The restore is the probe's last step: if anything failed, say what may be live and how to finish by hand.
                output.WriteLine($"probe-startup failed: {ex.Message}");
                output.WriteLine($"Check the variant's count: aws sagemaker describe-endpoint --endpoint-name {endpoint}; to set it back: " +
                    $"aws sagemaker update-endpoint-weights-and-capacities --endpoint-name {endpoint} --desired-weights-and-capacities VariantName={variant},DesiredInstanceCount=<the count before>");
                throw;
            }
            LoadLabJson.WriteFile(outPath, file with { Warnings = [.. file.Warnings, .. warnings.Select(w => w.Text)] });
            if (file.StartupS is { } s)
            {
                output.WriteLine(string.Create(ci, $"instance startup: {s:0.#} s (resolution {file.ResolutionS:0.#} s: the true value lies in ({s - file.ResolutionS:0.#}, {s:0.#}] s); desired count set back to {file.DesiredBefore}; wrote {outPath}"));
                output.WriteLine(string.Create(ci, $"Use it: recommend.instanceStartup: {Math.Ceiling(s)}s in the scenario, or --set recommend.instanceStartup={Math.Ceiling(s)}s"));
                return ExitCodes.Ok;
            }
            output.WriteLine($"no startup measured: {string.Join("; ", file.Warnings)}; desired count set back to {file.DesiredBefore}; wrote {outPath}");
            return ExitCodes.TargetOrAwsFailed;
        });
        return command;
    }
}
