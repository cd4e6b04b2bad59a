using LoadLab.Core.AwsApi;
using LoadLab.Core.Findings;
using LoadLab.Core.Json;
using LoadLab.Core.RunFiles;

namespace LoadLab.Reporting.Tests.Fixtures;

/// <summary>Which closed-loop check (verify.json) a fixture run directory gets.</summary>
public enum ClosedLoopFixture { None, Held, NotHeld }

/// <summary>
/// A hand-written verify.json as `loadlab verify` writes it on the sim endpoint at x6: a 3x load step at minute 1 on
/// one instance, a scale-out to 3 at minute 3, instances in service at minute 5. Held: one minute over the SLO (one
/// allowed) and recovered; not held: latency stays over the SLO to the end. The prediction of `simulate` is 30 s
/// earlier for the first scale-out and one minute fewer over the SLO.
/// </summary>
public static class FixtureVerify
{
    public static readonly DateTimeOffset Start = FixtureRun.Start.AddMinutes(40);

    public static VerifyFile Create(bool held, string? hostile = null)
    {
        double[] latency = held ? [80, 180, 240, 270, 230, 120, 90, 85, 85] : [80, 400, 900, 1500, 1800, 1200, 300, 260, 255];
        var minutes = new List<VerifyMinute>();
        for (int i = 0; i < latency.Length; i++)
        {
            long offered = i == 0 ? 500 : 1500; // 50 then 150 requests/s for the 10 real seconds of each emulated minute
            long errors = held || latency[i] < 1000 ? 0 : 30;
            int desired = i < 3 ? 1 : 3, inService = i < 5 ? 1 : 3;
            minutes.Add(new VerifyMinute
            {
                MinuteUtc = Start.AddMinutes(i), Offered = offered, Completed = offered, Ok = offered - errors, Errors = errors,
                ErrorRateFraction = Math.Round((double)errors / offered, 6), LatencyMs = latency[i], DesiredInstances = desired, InServiceInstances = inService,
                InvocationsPerInstance = Math.Round(offered * 6.0 / inService, 2),
                // Published per period and summed per minute: a little under the offered while a backlog drains.
                MetricInvocationsPerInstance = i == 8 ? null : Math.Round(offered * 5.7 / inService, 2), Violation = latency[i] > 250 || errors > 0,
                Activities = i == 3 ? ["act-1"] : [],
            });
        }
        int violations = minutes.Count(m => m.Violation);
        List<string> reasons = held
            ? [$"the SLO held within the 1 minute(s) allowed and recovered"]
            : [$"{violations} minute(s) over the SLO (p90 <= 250 ms, errors <= 1%); 1 allowed",
               "latency or errors were still over the SLO when the run ended: the fleet did not catch up"];
        if (hostile is not null) reasons.Add(hostile);
        return new VerifyFile
        {
            Scenario = hostile ?? "reports/step-ladder/verify-spike.yaml",
            RunDirectory = "reports/step-ladder/verify",
            Endpoint = "demo-endpoint", Variant = "AllTraffic",
            Observer = hostile ?? "sim endpoint admin API at 127.0.0.1",
            TimeScale = 6, MetricCountFactor = 6,
            StartUtc = Start, EndUtc = Start.AddMinutes(latency.Length),
            RealStartUtc = Start, RealEndUtc = Start.AddSeconds(latency.Length * 10),
            Slo = new SloSummary(90, 250, 0.01, 1),
            Verdict = new VerifyVerdict
            {
                SloHeld = held, ViolationMinutes = violations,
                LoadStepUtc = Start.AddMinutes(1), LoadStepFactor = 3,
                FirstScaleOutUtc = Start.AddMinutes(3), TimeToFirstScaleOutS = 120,
                Recovered = held, RecoveredUtc = held ? Start.AddMinutes(4) : null, TimeToRecoveryS = held ? 180 : null,
                InitialInstances = 1, MaxDesiredInstances = 3, MaxInServiceInstances = 3, InstanceMinutes = 19, ScaleOuts = 1, ScaleIns = 0,
                Reasons = reasons,
            },
            Timeline = minutes,
            ScalingActivities =
            [
                new ScalingActivity
                {
                    ActivityId = "act-1", ResourceId = "endpoint/demo-endpoint/variant/AllTraffic",
                    Description = hostile ?? "Setting desired instance count to 3.",
                    Cause = hostile ?? "monitor alarm TargetTracking-AlarmHigh in state ALARM triggered policy loadlab-target-tracking",
                    StartTime = Start.AddMinutes(3), EndTime = Start.AddMinutes(5), StatusCode = "Successful",
                },
            ],
            Samples = [new EndpointSample(Start, Start, "InService", 1, 1)],
            Prediction = new Prediction
            {
                Policy = "recommendation.json", Analysis = "analysis.json",
                StartupS = 30, StartupSource = "the policy's basis (scenario)", StartupJitterFraction = 0.1,
                FirstScaleOutUtc = Start.AddMinutes(2.5), TimeToFirstScaleOutS = 90, ViolationMinutes = violations - 1, PeakInstances = 3,
                FirstScaleOutErrorS = 30, ViolationMinutesError = 1, PeakInstancesError = 0,
            },
            Warnings = held ? [] : [new Finding(Severity.Warning, "verify.sampling_failed", "DescribeEndpoint sampling failed at least once") { Detail = "connection refused" }],
        };
    }

    /// <summary>Writes verify.json into the run directory, or into its verify/ folder as `loadlab demo` does.</summary>
    public static string Write(string runDir, VerifyFile file, bool nested = true)
    {
        var dir = nested ? Path.Combine(runDir, "verify") : runDir;
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "verify.json");
        LoadLabJson.WriteFile(path, file);
        return path;
    }
}
