using System.Text.Json;
using LoadLab.Core.AwsApi.Validation;
using LoadLab.Core.Errors;
using LoadLab.Core.Json;
using LoadLab.Core.RunFiles;
using LoadLab.Simulation;
using LoadLab.Simulation.Autoscaling;
using LoadLab.Simulation.Fleet;
using LoadLab.Simulation.Traffic;

namespace LoadLab.Verify;

/// <summary>
/// What `loadlab simulate` predicts for the traffic verify actually offered (per minute of the endpoint's clock) and
/// the policy it verified, with the same <see cref="Simulator"/> and <see cref="Autoscaler"/>. The fleet comes from
/// analysis.json; under time compression its per-minute units are divided by the time scale (a minute of the
/// endpoint's clock holds 1/scale of a real minute's requests), which is exact for the fitted curve's kinds.
/// </summary>
public static class PredictionBuilder
{
    /// <summary>The policy file as a recommendation: recommendation.json itself, or applied.json through its "source".</summary>
    public static (RecommendationFile File, string Path) LoadPolicy(string path)
    {
        if (!File.Exists(path)) throw new UserInputException(path, "--policy", "file not found");
        var text = File.ReadAllText(path);
        try
        {
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.TryGetProperty("RegisterScalableTarget", out _))
            {
                var rec = LoadLabJson.Deserialize<RecommendationFile>(text);
                var problems = ScalingRequestValidator.Validate(rec, path);
                if (problems.Count > 0) throw new UserInputException(problems);
                return (rec, path);
            }
            if (doc.RootElement.TryGetProperty("source", out var src) && src.GetString() is { Length: > 0 } s)
            {
                var resolved = Path.IsPathRooted(s) || File.Exists(s) ? s : Path.Combine(Path.GetDirectoryName(path) ?? ".", Path.GetFileName(s));
                if (resolved == path) throw new UserInputException(path, "source", "names itself");
                return LoadPolicy(resolved);
            }
        }
        catch (JsonException e)
        {
            throw new UserInputException([new Problem(path, (int)(e.LineNumber ?? -1) + 1, (int)(e.BytePositionInLine ?? -1) + 1, e.Path ?? "", e.Message)]);
        }
        throw new UserInputException(path, "RegisterScalableTarget", "is neither a recommendation.json (RegisterScalableTarget, PutScalingPolicy, ...) nor an applied.json naming its source");
    }

    public static Prediction Predict(RecommendationFile policy, string policyPath, AnalysisFile analysis, string analysisPath,
        IReadOnlyList<VerifyMinute> minutes, double timeScale, double countFactor, int? initialCapacity, VerifyVerdict observed)
    {
        var config = ScalingConfiguration.FromRecommendation(policy, policyPath);
        // Only what the analysis measured or the user stated: the policy's own instance startup (measured from instance
        // samples, set in the scenario, or the default, as its basis says). Never the endpoint's configured truth, so
        // that the error below is the model's, not an echo of the sim's settings.
        var (startupS, startupSource) = StartupOf(policy, analysis);
        // The model must see what the endpoint's autoscaler sees: counts per minute of its clock x countFactor.
        var fleet = FleetModel.FromAnalysis(analysis, analysisPath, startupS).WithLoadUnitsDividedBy(timeScale / countFactor);
        // A full queue holds the same requests on the endpoint's compressed clock: its wait is timeScale times longer there.
        if (fleet.QueueFullWaitS is { } wait) fleet = fleet with { QueueFullWaitS = wait * timeScale };
        var traffic = TrafficSeries.FromPoints(minutes.Select(m => (m.MinuteUtc, m.Offered * countFactor)).ToList(), "verify run (offered per minute)");
        var result = Simulator.Run("verify", "the verified policy on the verified traffic", config, traffic, fleet,
            new SimulationOptions { InitialCapacity = initialCapacity, Seed = 42 });
        var from = observed.LoadStepUtc ?? minutes.FirstOrDefault()?.MinuteUtc;
        var firstOut = result.Events.FirstOrDefault(e => e.To > e.From && (observed.LoadStepUtc is null || e.TimeUtc >= observed.LoadStepUtc.Value.AddMinutes(-1)));
        var violation = (int)Math.Round(result.SloViolationMinutes);
        return new Prediction
        {
            Policy = policyPath,
            Analysis = analysisPath,
            StartupS = fleet.StartupS,
            StartupSource = startupSource,
            StartupJitterFraction = fleet.StartupJitterFraction,
            FirstScaleOutUtc = firstOut?.TimeUtc,
            TimeToFirstScaleOutS = firstOut is not null && from is { } f ? Math.Round((firstOut.TimeUtc - f).TotalSeconds, 1) : null,
            ViolationMinutes = violation,
            PeakInstances = result.PeakInstances,
            Events = result.Events,
            Timeline = result.Timeline,
            FirstScaleOutErrorS = firstOut is not null && observed.FirstScaleOutUtc is { } o ? Math.Round((o - firstOut.TimeUtc).TotalSeconds, 1) : null,
            ViolationMinutesError = observed.ViolationMinutes - violation,
            PeakInstancesError = observed.MaxDesiredInstances is { } d ? d - result.PeakInstances : null,
        };
    }

    /// <summary>The instance startup the prediction assumes, and where it came from.</summary>
    public static (double S, string Source) StartupOf(RecommendationFile policy, AnalysisFile analysis)
    {
        if (policy.Basis.InstanceStartupS > 0)
            return (policy.Basis.InstanceStartupS, policy.Basis.InstanceStartupSource is { Length: > 0 } src ? $"the policy's basis ({src})" : "the policy's basis");
        if (analysis.InstanceStartupS is { } a)
            return (a, analysis.InstanceStartupMeasured ? "analysis.json (measured)" : "analysis.json (assumed)");
        return (300, "default (300 s)");
    }
}
