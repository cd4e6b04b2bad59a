using System.Globalization;
using LoadLab.Analysis.Steps;
using LoadLab.Apply;
using LoadLab.Apply.Files;
using LoadLab.Aws;
using LoadLab.Aws.Collector;
using LoadLab.Cli.Commands;
using LoadLab.Cli.Infrastructure;
using LoadLab.Cli.Pipeline;
using LoadLab.Cli.Progress;
using LoadLab.Engine.Targets;
using LoadLab.Verify;
using LoadLab.Core.Errors;
using LoadLab.Core.Json;
using LoadLab.Core.RunFiles;
using LoadLab.Core.Scenarios;
using LoadLab.SimEndpoint.Theory;

namespace LoadLab.Cli.Demo;

/// <summary>
/// `loadlab demo`: the whole pipeline on the local stack, made of the services and printers the user-facing commands
/// use (run, which collects, analyzes, simulates and reports; apply as a plan, then with --yes; verify), and a check
/// of the analysis against the sim fleet's own theory. Everything it started is stopped on success, failure and Ctrl-C.
/// <paramref name="beforeStop"/> lets a test look at the local stack (the applied policy in moto) before it stops.
/// </summary>
public sealed class DemoRunner(TextWriter stdout, TextWriter stderr, Func<LocalStack, string, Task>? beforeStop = null)
{
    /// <summary>The analysis must find the sim's sustainable load within this fraction.</summary>
    public const double Tolerance = 0.15;

    public async Task<int> RunAsync(DemoOptions options, CancellationToken ct)
    {
        var scenario = ScenarioLoader.Load(options.Scenario);
        var theory = CapacityDescriber.Describe(options.SimOptions(),
            new DescribeRequest { SloPercentile = scenario.Slo.LatencyPercentile, SloMs = scenario.Slo.LatencyMs, MaxErrorRate = scenario.Slo.MaxErrorRate });
        var runDir = options.OutputDirectory
                     ?? RunDirectory.Default("reports", scenario.Name, TimeProvider.System.GetUtcNow()).Path;

        Heading("local stack");
        await using var stack = await LocalStack.StartAsync(options, stdout, ct);
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sim fleet theory: {options.Instances} x {options.Workers} workers, {options.ServiceTime}; capacity {theory.CapacityRpsPerInstance:0.#} req/s per instance; " +
            $"sustainable at p{theory.SloPercentile:0.##} <= {theory.SloMs:0.##} ms for Poisson arrivals: {theory.SustainableRpsPerInstance:0.#} req/s = {theory.SustainableInvocationsPerInstancePerMinute:0} invocations per instance per minute"));

        Heading($"run {options.Scenario}");
        // The sim publishes high-resolution metrics, so the steps' server-side figures can be collected at that period.
        int code;
        try
        {
            code = await new RunPipeline(DemoAws, stdout, stderr).RunAsync(new RunPipelineRequest
            {
                Scenario = scenario,
                RunDirectory = runDir,
                Seed = options.Seed,
                PostRun = new PostRunOptions
                {
                    Collect = new CollectStageOptions { Collector = new CollectorOptions { PeriodS = (int)options.MetricsPeriod.TotalSeconds } }.Validate(),
                },
            }, ct);
        }
        catch (Exception e)
        {
            // A failed run is reported like any stage; the stack still stops below.
            code = ErrorReporter.Report(e, stderr);
        }
        // The scenario's own thresholds are the report's verdict, not the demo's: a stage counts when it could not run.
        var worst = StageFailure(code);

        var dir = new RunDirectory(runDir);
        if (File.Exists(dir.RecommendationJson))
        {
            Heading("apply: plan");
            worst = ExitCodeOrder.Worse(worst, await ApplyAsync(new ApplyRequest { RecommendationPath = dir.RecommendationJson, OutDir = runDir }, ct));
            Heading("apply --yes");
            worst = ExitCodeOrder.Worse(worst, await ApplyAsync(new ApplyRequest { RecommendationPath = dir.RecommendationJson, OutDir = runDir, Yes = true }, ct));
        }
        else stderr.WriteLine("apply: skipped, the analysis made no recommendation (see the report)");

        if (!options.SkipVerify && File.Exists(Path.Combine(runDir, ApplyFileNames.Applied)))
        {
            Heading("verify: a spike against the applied policy");
            // The demo's claim: the recommended policy absorbs the spike. An SLO that did not hold fails the demo (exit 1).
            worst = ExitCodeOrder.Worse(worst, await VerifyAsync(stack, options, scenario, dir, ct));
            // verify wrote <run>/verify/verify.json: report again so report.html shows the closed-loop check.
            Heading("report: with the closed-loop check");
            worst = ExitCodeOrder.Worse(worst, StageFailure(ReportAgain(runDir)));
        }

        if (beforeStop is not null) await beforeStop(stack, runDir);
        var (agreement, agrees) = CheckAgainstTheory(dir, theory.SustainableInvocationsPerInstancePerMinute);
        Heading("done");
        stdout.WriteLine($"report:  {Path.GetFullPath(dir.ReportHtml)}");
        stdout.WriteLine($"summary: {Path.GetFullPath(dir.SummaryMd)}");
        if (agreement is not null) stdout.WriteLine(agreement);
        // The demo's other claim: the analysis finds the sim's true sustainable load. Missing it fails the demo (exit 1).
        if (!agrees && options.CheckTheory) worst = ExitCodeOrder.Worse(worst, ExitCodes.ThresholdFailed);
        return worst;
    }

    /// <summary>A stage's exit code as the demo counts it: thresholds of the scenario (exit 1) are the report's business.</summary>
    private static int StageFailure(int code) => code == ExitCodes.ThresholdFailed ? ExitCodes.Ok : code;

    /// <summary>
    /// The closed-loop check on the local stack: the sim comes back with its autoscaling emulation on a compressed
    /// clock (1 emulated minute per 10 s), and a spike to 1.5 × the per-instance rate at the recommended target runs
    /// against the policy just applied; `verify` reports whether the SLO held while the fleet scaled.
    /// </summary>
    private async Task<int> VerifyAsync(LocalStack stack, DemoOptions options, Scenario scenario, RunDirectory dir, CancellationToken ct)
    {
        var recommendation = RunJson.Read<RecommendationFile>(dir.RecommendationJson);
        var rate = recommendation.Basis.RpsPerInstanceAtTarget * options.Instances;
        if (rate <= 0)
        {
            stderr.WriteLine("verify: skipped, the recommendation has no per-instance rate at its target");
            return ExitCodes.Ok;
        }
        await stack.RestartSimAsync(options.SimOptions() with { TimeScale = VerifyTimeScale, Autoscale = true, AutoscaleRealRate = true }, stdout, ct);
        var spike = WriteSpikeScenario(scenario, dir, rate);
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"spike: {rate * 0.5:0} -> {rate * 1.5:0} requests/s on {options.Instances} instance(s); sim clock x{VerifyTimeScale:0} (startup, cooldowns and alarm periods compressed alike)"));
        try
        {
            var verifyDir = Path.Combine(dir.Path, "verify");
            OutputDirectory.Claim(verifyDir, "--out", force: false, TimeProvider.System);
            var printer = new VerifyPrinter(stdout);
            var outcome = await VerifyService.RunAsync(new VerifyRequest
            {
                ScenarioPath = spike, PolicyPath = dir.RecommendationJson, OutputDirectory = verifyDir, AdminUrl = stack.Sim.Url,
                Seed = options.Seed, Target = new TargetSettings(DemoAws.Region, DemoAws.Profile, DemoAws.EndpointUrl),
                Progress = new PlainProgress(stdout), Watching = printer,
            }, ct);
            printer.Finished(outcome);
            return VerifyPrinter.ExitCode(outcome);
        }
        catch (Exception e)
        {
            return ErrorReporter.Report(e, stderr);
        }
    }

    /// <summary>`apply` (a plan, or with <see cref="ApplyRequest.Yes"/> the change) on the local stack, printed as the command prints it.</summary>
    private async Task<int> ApplyAsync(ApplyRequest request, CancellationToken ct)
    {
        try
        {
            using var context = AwsContext.Create(DemoAws.Region, DemoAws.Profile, DemoAws.EndpointUrl);
            return (await ApplyCommand.ExecuteAsync(context, (service, stop, abandon) => service.ApplyAsync(request, stop, abandon), stdout, stderr, ct)).ExitCode;
        }
        catch (Exception e)
        {
            return ErrorReporter.Report(e, stderr);
        }
    }

    /// <summary>Emulated seconds per real second during the closed-loop check.</summary>
    public const double VerifyTimeScale = 6;

    /// <summary>
    /// The spike as a scenario file in the run directory, not a scenario built in memory: verify.json names the
    /// scenario it ran and run.json records its path and SHA-256, so the check can be re-run by hand with
    /// `loadlab verify verify-spike.yaml`.
    /// </summary>
    private static string WriteSpikeScenario(Scenario scenario, RunDirectory dir, double rate)
    {
        var t = scenario.Target;
        var payload = scenario.Payload?.File is { } file
            ? $"{{ contentType: {scenario.Payload.ContentType}, file: '{file.Replace("'", "''")}' }}"
            : "{ contentType: application/json, inline: '{\"inputs\": [1, 2, 3]}' }";
        var path = Path.Combine(dir.Path, "verify-spike.yaml");
        // 10 s and 80 s of real time are 1 and 8 emulated minutes at x6.
        AtomicFile.WriteAllText(path, string.Create(CultureInfo.InvariantCulture, $$"""
            # Written by loadlab demo: the closed-loop check's spike against the applied policy.
            name: {{scenario.Name}}-verify
            target: { kind: sagemaker, endpoint: {{t.Endpoint}}, variant: {{t.Variant}}, region: {{t.Region ?? "us-east-1"}} }
            payload: {{payload}}
            slo: { latency: { percentile: {{scenario.Slo.LatencyPercentile}}, ms: {{scenario.Slo.LatencyMs}} }, maxErrorRate: {{scenario.Slo.MaxErrorRate}} }
            load:
              phases:
                - { shape: constant, rate: {{Math.Round(rate * 0.5, 1)}}, duration: 10s }
                - { shape: constant, rate: {{Math.Round(rate * 1.5, 1)}}, duration: 80s }
            """));
        return path;
    }

    /// <summary>The demo's stages see AWS as its own process environment sets it up (the local stack), with no flags.</summary>
    private static readonly AwsSettings DemoAws = new(null, null, null);

    private int ReportAgain(string runDir)
    {
        try { return new StageRunner(new RunStageServices(DemoAws, TimeProvider.System), stdout, stderr).Report(runDir, new ReportStageOptions()); }
        catch (Exception e) { return ErrorReporter.Report(e, stderr); }
    }

    private void Heading(string text) => stdout.WriteLine($"\n=== {text} ===");

    /// <summary>
    /// The analyzer's sustainable invocations per instance per minute against the queueing model's, and whether it is
    /// within <see cref="Tolerance"/>. The theory is for Poisson arrivals, so a run whose steps arrived otherwise
    /// (evenly spaced ladders sustain more) is not compared with it: that fails the check and says why.
    /// </summary>
    public static (string? Line, bool Agrees) CheckAgainstTheory(RunDirectory dir, double theoryIpm)
    {
        // No analysis means an earlier stage failed, and that stage's exit code already says so.
        if (!File.Exists(dir.AnalysisJson)) return (null, true);
        var analysis = RunJson.Read<AnalysisFile>(dir.AnalysisJson);
        if (analysis.SustainableIpm is not { } measured) return ("analysis found no sustainable load to compare with the sim's theory", false);
        if (analysis.Arrivals is { } arrivals && arrivals != StepArrivals.Poisson)
            return (string.Create(CultureInfo.InvariantCulture,
                $"sustainable load: measured {measured:0} invocations per instance per minute under {arrivals} arrivals, not compared with the sim theory {theoryIpm:0}, which is for Poisson arrivals (remove 'arrivals: {arrivals}' from the scenario)"), false);
        var error = (measured - theoryIpm) / theoryIpm;
        var agrees = Math.Abs(error) <= Tolerance;
        return (string.Create(CultureInfo.InvariantCulture,
            $"sustainable load: measured {measured:0} vs sim theory {theoryIpm:0} invocations per instance per minute, both for Poisson arrivals ({error:+0.0%;-0.0%}; {(agrees ? "within" : "OUTSIDE")} ±{Tolerance:0%})"), agrees);
    }
}
