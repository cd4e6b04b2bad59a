using System.Globalization;
using LoadLab.Core.AwsApi.Validation;
using LoadLab.Core.Errors;
using LoadLab.Core.Findings;
using LoadLab.Core.Json;
using LoadLab.Core.RunFiles;
using LoadLab.Core.Scenarios;
using LoadLab.Simulation.Autoscaling;
using LoadLab.Simulation.Candidates;
using LoadLab.Simulation.Fleet;
using LoadLab.Simulation.Traffic;

namespace LoadLab.Simulation;

/// <summary>Where the past invocations of an endpoint come from (CloudWatch in the CLI): Invocations Sum per minute.</summary>
public interface IInvocationHistory
{
    Task<IReadOnlyList<(DateTimeOffset TimeUtc, double Count)>> InvocationsPerMinuteAsync(string endpoint, string variant,
        DateTimeOffset startUtc, DateTimeOffset endUtc, CancellationToken cancellationToken);
}

/// <summary>What `loadlab simulate` asks for.</summary>
public sealed record SimulateRequest
{
    public required string RunDirectory { get; init; }
    /// <summary>A per-minute CSV (period,count), a run's timeline.csv, or a scenario (.yaml/.yml/.json). Default: the run's timeline.csv.</summary>
    public string? TrafficPath { get; init; }
    /// <summary>Pull the endpoint's own Invocations history instead (with <see cref="History"/>).</summary>
    public string? FromCloudWatchEndpoint { get; init; }
    public string Variant { get; init; } = "AllTraffic";
    public IInvocationHistory? History { get; init; }
    /// <summary>Days of traffic to use (a window of a trace, or the CloudWatch look-back, at most 14).</summary>
    public double? Days { get; init; }
    /// <summary>Start of the window cut from a trace (UTC).</summary>
    public DateTimeOffset? Start { get; init; }
    public double? ScaleToPeakRps { get; init; }
    public double? Scale { get; init; }
    /// <summary>recommendation.json to backtest; default: the run's recommendation.json when present.</summary>
    public string? PolicyPath { get; init; }
    public long Seed { get; init; } = 42;
    /// <summary>Run the targets x cooldowns sweep as well (default true).</summary>
    public bool Sweep { get; init; } = true;
    /// <summary>"now" for the CloudWatch look-back; injected so that the service stays a pure function of its inputs.</summary>
    public DateTimeOffset NowUtc { get; init; }
}

public sealed record SimulateOutcome(SimulationFile File, string OutputPath);

/// <summary>
/// `loadlab simulate` as one call: reads analysis.json (required), the policy, and the traffic; runs the candidates;
/// writes simulation.json into the run directory. Every bad input is a <see cref="UserInputException"/> (exit 2).
/// </summary>
public static class SimulationService
{
    public const double MaxCloudWatchDays = 14;

    /// <summary>A timeline replayed as traffic needs its offered column (the demand), not only its times.</summary>
    private static readonly string[] TimelineDemand = ["offered"];

    public static async Task<SimulateOutcome> RunAsync(SimulateRequest request, CancellationToken cancellationToken = default)
    {
        var run = new RunDirectory(request.RunDirectory);
        if (!Directory.Exists(run.Path))
            throw new UserInputException(run.Path, "", "the run directory does not exist");
        if (!File.Exists(run.AnalysisJson))
            throw new UserInputException(run.AnalysisJson, "", "analysis.json is missing: run 'loadlab analyze <run-dir>' first (the simulator needs the fitted latency curve)");
        var analysis = RunJson.Read<AnalysisFile>(run.AnalysisJson);
        var runInfo = RunJson.TryReadRun(run.RunJson);

        var policyPath = request.PolicyPath ?? (File.Exists(run.RecommendationJson) ? run.RecommendationJson : null);
        if (request.PolicyPath is not null && !File.Exists(request.PolicyPath))
            throw new UserInputException(request.PolicyPath, "--policy", "file not found");
        RecommendationFile? recommendation = policyPath is null ? null : RunJson.Read<RecommendationFile>(policyPath);
        ScalingConfiguration? recConfig = null;
        if (recommendation is not null)
        {
            var problems = ScalingRequestValidator.Validate(recommendation, policyPath!);
            if (problems.Count > 0) throw new UserInputException(problems);
            recConfig = ScalingConfiguration.FromRecommendation(recommendation, policyPath!);
        }

        var price = recommendation?.Cost?.PricePerInstanceHourUsd ?? runInfo?.Recommend?.PricePerInstanceHourUsd;
        var fleet = FleetModel.FromAnalysis(analysis, run.AnalysisJson, pricePerInstanceHour: price);

        var traffic = await LoadTrafficAsync(request, run, cancellationToken).ConfigureAwait(false);
        if (traffic.Minutes == 0) throw new UserInputException(traffic.Source, "", "the traffic window is empty");
        if (!(traffic.PeakPerMinute > 0)) throw new UserInputException(traffic.Source, "", "the traffic has no requests at all (every minute is 0)");

        var warnings = new List<Finding>();
        int min, max;
        if (recConfig is not null) (min, max) = (recConfig.MinCapacity, recConfig.MaxCapacity);
        else
        {
            min = runInfo?.Recommend?.MinCapacity ?? 1;
            max = runInfo?.Recommend?.MaxCapacity ?? Math.Max(min, (int)Math.Ceiling(traffic.PeakPerMinute / (0.3 * fleet.SustainableIpm)) + 1);
            warnings.Add(Finding.Warning(SimulationCodes.NoRecommendation, $"no recommendation.json: capacity bounds for the sweep are [{min}, {max}]"));
        }
        var peakInstances = Math.Ceiling(traffic.PeakPerMinute / fleet.SustainableIpm);
        if (peakInstances > max)
            warnings.Add(Finding.Warning(SimulationCodes.PeakOverMaxCapacity, $"the traffic's busiest minute needs {peakInstances} instances at the sustainable load, more than MaxCapacity {max}: every policy will violate the SLO there"));

        var ruleOfThumb = recommendation?.Basis.RuleOfThumbTarget is > 0 and var r ? r
            : analysis.MaxRpsPerInstance is > 0 and var rps ? CandidateSweep.RuleOfThumbTarget(rps) : (double?)null;
        var recCandidate = recConfig is null ? null : new Candidate(
            request.PolicyPath is null ? "recommendation" : Path.GetFileNameWithoutExtension(request.PolicyPath),
            request.PolicyPath is null ? CandidateKinds.Recommendation : CandidateKinds.Policy,
            Describe(recConfig), recConfig);
        var candidates = CandidateSweep.Build(recCandidate, ruleOfThumb, fleet, min, max, request.Sweep ? new SweepOptions() : SweepOptions.None);
        if (recommendation is not null) candidates.InsertRange(Math.Min(2, candidates.Count), Alternatives(recommendation, policyPath!, warnings));
        var pessimistic = fleet.AtIntervalLowEnd(analysis);
        if (pessimistic is null)
            warnings.Add(Finding.Warning(SimulationCodes.NoInterval, "analysis.json gives no 95 % interval below its sustainable load: the backtest ran on the point estimate only, so its SLO-violation minutes are not a range"));
        var file = CandidateSweep.Run(candidates, traffic, fleet, new SimulationOptions { Seed = request.Seed }, warnings, pessimistic) with
        {
            ModelError = StepModelCheck.Compare(fleet, analysis, runInfo),
        };
        LoadLabJson.WriteFile(run.SimulationJson, file);
        return new SimulateOutcome(file, run.SimulationJson);
    }

    /// <summary>The traffic a request names, as a per-minute series, windowed and scaled.</summary>
    public static async Task<TrafficSeries> LoadTrafficAsync(SimulateRequest request, RunDirectory run, CancellationToken cancellationToken)
    {
        if (request.FromCloudWatchEndpoint is { } endpoint && request.TrafficPath is not null)
            throw new UserInputException("--from-cloudwatch", "", "use either --traffic or --from-cloudwatch, not both");
        TrafficSeries traffic;
        var windowed = false;
        if (request.FromCloudWatchEndpoint is { } ep)
        {
            var days = request.Days ?? 14;
            if (!(days > 0) || days > MaxCloudWatchDays)
                throw new UserInputException("--days", "--days", $"CloudWatch keeps one-minute datapoints for 15 days: --days must be in (0, {MaxCloudWatchDays}], got {days.ToString(CultureInfo.InvariantCulture)}");
            if (request.History is null) throw new InvalidOperationException("--from-cloudwatch needs an invocation history source");
            var end = TrafficSeries.FloorMinute(request.NowUtc);
            var start = end.AddMinutes(-Math.Round(days * 1440));
            var points = await request.History.InvocationsPerMinuteAsync(ep, request.Variant, start, end, cancellationToken).ConfigureAwait(false);
            if (points.Count == 0)
                throw new UserInputException($"CloudWatch AWS/SageMaker Invocations EndpointName={ep} VariantName={request.Variant}", "",
                    $"no datapoints between {start:yyyy-MM-dd HH:mm}Z and {end:yyyy-MM-dd HH:mm}Z (wrong endpoint or variant name, or no traffic)");
            traffic = TrafficSeries.FromPoints(points, $"CloudWatch Invocations of {ep}/{request.Variant}, {days.ToString(CultureInfo.InvariantCulture)} days");
            windowed = true;
        }
        else if (request.TrafficPath is { } path)
        {
            if (!File.Exists(path)) throw new UserInputException(path, "--traffic", "file not found");
            var ext = Path.GetExtension(path).ToLowerInvariant();
            if (ext is ".yaml" or ".yml" or ".json")
            {
                var scenario = ScenarioLoader.Load(path);
                if (scenario.Load.Model == LoadModel.Closed)
                    throw new UserInputException(path, "load.model", "a closed-model scenario counts virtual users, not requests/s, so it has no arrival rate to replay; use an open-model scenario, a per-minute CSV or the run's timeline.csv");
                // A scenario has no calendar time; --start places it (default 2026-01-01T00:00Z) for scheduled actions.
                var start = request.Start ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
                traffic = TrafficSeries.FromRateProfile(RateProfile.For(scenario.Load), start, $"scenario {scenario.Name} ({path})");
                windowed = true;
            }
            else
            {
                var text = LoadLab.Core.RunFiles.Csv.CsvRules.ReadText(path);
                var header = text.AsSpan(0, Math.Min(text.Length, 400)).ToString().ToLowerInvariant();
                traffic = header.Contains("offered") ? TrafficSeries.FromTimeline(TimelineCsv.Parse(path, text, TimelineDemand), path)
                    : TrafficSeries.ParseTrace(text, path);
            }
        }
        else
        {
            if (!File.Exists(run.TimelineCsv))
                throw new UserInputException(run.TimelineCsv, "", "timeline.csv is missing: pass --traffic <csv|scenario> or --from-cloudwatch <endpoint>");
            traffic = TrafficSeries.FromTimeline(TimelineCsv.Read(run.TimelineCsv, TimelineDemand), run.TimelineCsv);
        }

        if (!windowed && (request.Start is not null || request.Days is not null)) traffic = traffic.Window(request.Start, request.Days);
        if (request.ScaleToPeakRps is { } peak && request.Scale is not null)
            throw new UserInputException("--scale-to-peak", "", "use either --scale-to-peak or --scale, not both");
        if (request.ScaleToPeakRps is { } p) traffic = traffic.ScaleToPeak(p);
        if (request.Scale is { } f) traffic = traffic.Scale(f);
        return traffic;
    }

    /// <summary>The alternatives the recommender considered, each as a policy on the recommendation's scalable target.</summary>
    private static IEnumerable<Candidate> Alternatives(RecommendationFile rec, string source, List<Finding> warnings)
    {
        foreach (var alt in rec.Alternatives)
        {
            if (alt.Request is null) continue;
            ScalingConfiguration config;
            try
            {
                config = ScalingConfiguration.FromRequests(rec.RegisterScalableTarget, [alt.Request], [], [], source);
            }
            catch (UserInputException e)
            {
                warnings.Add(new Finding(Severity.Warning, SimulationCodes.AlternativeSkipped, "alternative not simulated") { Subject = $"alternative '{alt.Name}'", Detail = e.Problems[0].Message });
                continue;
            }
            yield return new Candidate($"alt-{alt.Name}", CandidateKinds.Alternative, alt.Description, config);
        }
    }

    private static string Describe(ScalingConfiguration c)
    {
        var parts = new List<string> { $"Min {c.MinCapacity}, Max {c.MaxCapacity}" };
        foreach (var p in c.Policies)
            parts.Add(p switch
            {
                TargetTrackingPolicyModel t => $"target tracking {t.MetricName} {t.TargetValue.ToString("0.##", CultureInfo.InvariantCulture)} (cooldowns {t.ScaleOutCooldownS}/{t.ScaleInCooldownS} s{(t.DisableScaleIn ? ", no scale-in" : "")})",
                StepPolicyModel s => $"step scaling {s.Name} on {s.Alarm.MetricName} {s.Alarm.Comparison} {s.Alarm.Threshold.ToString("0.##", CultureInfo.InvariantCulture)}",
                _ => p.Name,
            });
        if (c.ScheduledActions.Count > 0) parts.Add($"{c.ScheduledActions.Count} scheduled action(s)");
        return string.Join("; ", parts);
    }

}
