using LoadLab.Core.Errors;
using LoadLab.Core.Scenarios;

namespace LoadLab.Core.Tests.Scenarios;

/// <summary>
/// Every broken scenario under Broken/ must fail with exactly these located messages (file:line:column: field: message),
/// all of them at once, and never with an exception.
/// </summary>
public class BrokenScenarioTests
{
    private static readonly string BaseDir = AppContext.BaseDirectory;

    /// <summary>Problems as a user sees them, with paths relative to the test output folder (as if run from there).</summary>
    private static string[] ProblemsOf(string file)
    {
        var result = ScenarioLoader.Validate(Path.Combine(BaseDir, "Broken", file));
        Assert.False(result.IsValid);
        Assert.Null(result.Scenario);
        return result.Problems
            .Select(p => p.ToString().Replace(BaseDir, "").Replace('\\', '/'))
            .ToArray();
    }

    public static TheoryData<string, string[]> Cases() => new()
    {
        {
            "broken.json",
            [
                "Broken/broken.json:4:81: malformed JSON: a trailing comma is not allowed in JSON",
            ]
        },
        {
            "closed-model.yaml",
            [
                "Broken/closed-model.yaml:5:3: load.maxInFlight: applies to the open model only (in the closed model the users are the concurrency)",
                "Broken/closed-model.yaml:7:33: load.phases[0].users: the closed model counts virtual users: must be a whole number, got 2.5",
                "Broken/closed-model.yaml:8:16: load.phases[1].shape: poisson describes random arrivals and needs the open model (load.model: open)",
                "Broken/closed-model.yaml:9:46: load.phases[2].step: the closed model counts virtual users: must be a whole number, got 1.5",
            ]
        },
        {
            "duplicate.yaml",
            [
                "Broken/duplicate.yaml:6:1: malformed YAML: field 'name' is given twice",
            ]
        },
        {
            "empty-phases.yaml",
            [
                "Broken/empty-phases.yaml:4:11: load.phases: must list at least one phase",
            ]
        },
        {
            "files.yaml",
            [
                "Broken/files.yaml:3:49: payload.file: file not found: Broken/payloads/missing.json",
                "Broken/files.yaml:6:30: load.phases[0].file: file not found: Broken/traces/nope.csv",
                "Broken/files.yaml:10:62: load.phases[4].skip: skips all 3 rows of the trace",
                "Broken/traces/bad.csv:3:22: load.phases[1].file: count 'abc' is not a number",
                "Broken/traces/bad.csv:4:22: load.phases[1].file: count -4 is negative",
                "Broken/traces/bad.csv:5:1: load.phases[1].file: 'yesterday' is not a timestamp (e.g. 1998-04-30 21:30:00, 2024-05-01T12:00:00Z, or seconds)",
                "Broken/traces/bad.csv:6:1: load.phases[1].file: expected 2 columns (time,count), found 3",
                "Broken/traces/empty.csv:1:1: load.phases[2].file: the trace is empty (expected a header 'period,count' and one row per minute or second)",
                "Broken/traces/every-30s.csv:3:1: load.phases[3].file: rows are 30 s apart; replay needs per-minute (60 s) or per-second (1 s) counts",
            ]
        },
        {
            "http-target.yaml",
            [
                "Broken/http-target.yaml:4:8: target.url: '/invocations' is not an absolute http:// or https:// URL",
                "Broken/http-target.yaml:5:11: target.method: 'FETCH' is not one of: GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS",
                "Broken/http-target.yaml:6:3: target.endpoint: applies to sagemaker targets only (this target is kind: http)",
                "Broken/http-target.yaml:7:14: target.headers.Bad Header: 'Bad Header' is not a valid HTTP header name",
            ]
        },
        {
            "malformed.yaml",
            [
                "Broken/malformed.yaml:2:9: malformed YAML: '{' is not closed (expected '}' before line 3)",
            ]
        },
        {
            "missing-required.yaml",
            [
                "Broken/missing-required.yaml:1:1: target: is required",
                "Broken/missing-required.yaml:4:7: load.phases[0].shape: is required",
                "Broken/missing-required.yaml:5:7: load.phases[1].hold: is required",
                "Broken/missing-required.yaml:6:7: load.phases[2].period: is required",
                "Broken/missing-required.yaml:6:7: load.phases[2].duration: is required",
            ]
        },
        {
            "payload-content.yaml",
            [
                "Broken/payload-content.yaml:3:73: payload.folder: only one of file, folder, jsonl, inline may be set (also found 'file')",
            ]
        },
        {
            "payload-jsonl.yaml",
            [
                "Broken/payloads/bad.jsonl:2:7: payload.jsonl: not a JSON document: expected depth to be zero at the end of the JSON payload. There is an open JSON object or array that should be closed.",
            ]
        },
        {
            "payload-not-json.yaml",
            [
                "Broken/payloads/not-json.json:1:25: payload.file: contentType is JSON but the file is not valid JSON: '0x0A' is invalid within a JSON string. The string should be correctly escaped.",
            ]
        },
        {
            "sagemaker-target.yaml",
            [
                "Broken/sagemaker-target.yaml:1:7: name: 'sagemaker target!' cannot name a run folder: use letters, digits, '.', '_' or '-' (at most 80, starting with a letter or digit)",
                "Broken/sagemaker-target.yaml:3:3: target.endpoint: is required",
                "Broken/sagemaker-target.yaml:4:11: target.region: 'us-east' is not an AWS region name (e.g. us-east-1)",
                "Broken/sagemaker-target.yaml:5:16: target.endpointUrl: 'localhost:8080' is not an absolute http:// or https:// URL",
                "Broken/sagemaker-target.yaml:6:3: target.url: applies to http targets only (set kind: http)",
            ]
        },
        {
            "shape-fields.yaml",
            [
                "Broken/shape-fields.yaml:5:38: load.phases[0].rate: a pause sends nothing, so it takes no rate (pause takes: duration)",
                "Broken/shape-fields.yaml:6:55: load.phases[1].rate: does not apply to a ramp phase (ramp takes: from, to, duration, arrivals)",
                "Broken/shape-fields.yaml:7:62: load.phases[2].duration: does not apply to steps: a ladder lasts (number of levels) × hold",
                "Broken/shape-fields.yaml:8:26: load.phases[3].users: counts virtual users and needs load.model: closed; the open model takes 'rate' (requests/s)",
                "Broken/shape-fields.yaml:9:16: load.phases[4].shape: 'wave' is not one of: steps, ramp, constant, spike, poisson, sine, replay, pause",
            ]
        },
        {
            "slo-thresholds.yaml",
            [
                "Broken/slo-thresholds.yaml:3:31: slo.latency.percentile: must be between 0 and 100 (exclusive), e.g. 90 or 99.9; got 100",
                "Broken/slo-thresholds.yaml:3:40: slo.latency.ms: must be > 0",
                "Broken/slo-thresholds.yaml:3:59: slo.maxErrorRate: must be a fraction from 0 to 1 (or a percentage like 1%); got 1.5",
                "Broken/slo-thresholds.yaml:5:3: load.thinkTime: applies to the closed model only (set load.model: closed)",
                "Broken/slo-thresholds.yaml:9:5: thresholds[0]: write p(99), not p99",
                "Broken/slo-thresholds.yaml:10:5: thresholds[1]: '150' is not an error rate: use a fraction from 0 to 1 (0.01) or a percentage (1%)",
                "Broken/slo-thresholds.yaml:11:5: thresholds[2]: '1%' is a percentage; latency limits are durations such as 500 or 1s",
                "Broken/slo-thresholds.yaml:12:5: thresholds[3]: expected an operator after the aggregate: <, <=, >, >=, == or !=",
                "Broken/slo-thresholds.yaml:13:5: thresholds[4]: unknown aggregate 'latency' (use one of: p(N), avg, med, min, max, errors, rps, count, dropped)",
                "Broken/slo-thresholds.yaml:14:43: recommend.maxCapacity: must be >= minCapacity (4)",
                "Broken/slo-thresholds.yaml:14:63: recommend.instanceStartup: 'soon' is not a duration (expected e.g. 500ms, 30s, 5m, 2h, 1h30m)",
                "Broken/slo-thresholds.yaml:14:86: recommend.growthPerMinute: must be > 0 (a fraction per minute like 0.1, or 10%)",
            ]
        },
        {
            "steps-contradictions.yaml",
            [
                "Broken/steps-contradictions.yaml:5:48: load.phases[0].step: 200 is larger than the distance from 10 to 100 (90); the ladder would have a single step",
                "Broken/steps-contradictions.yaml:6:48: load.phases[1].step: must be negative when from > to (a falling ladder), e.g. -20",
                "Broken/steps-contradictions.yaml:7:70: load.phases[2].warmup: must be shorter than hold (30s), or no step has a steady part to measure",
                "Broken/steps-contradictions.yaml:8:47: load.phases[3].step: must not be 0",
                "Broken/steps-contradictions.yaml:9:29: load.phases[4].from: must be > 0; got -5",
                "Broken/steps-contradictions.yaml:9:56: load.phases[4].hold: must be longer than 0",
                "Broken/steps-contradictions.yaml:10:32: load.phases[5].rate: must be > 0; got -3",
                "Broken/steps-contradictions.yaml:11:40: load.phases[6].peak: must be greater than base (100)",
                "Broken/steps-contradictions.yaml:11:72: load.phases[6].peakDuration: is longer than the phase's duration (1m)",
                "Broken/steps-contradictions.yaml:12:43: load.phases[7].amplitude: must not exceed mean (50), or the rate would go below 0",
            ]
        },
        {
            "unknown-fields.yaml",
            [
                "Broken/unknown-fields.yaml:4:3: target.endpoit: unknown field (did you mean 'endpoint'?)",
                "Broken/unknown-fields.yaml:8:26: load.phases[0].raet: unknown field (did you mean 'rate'?)",
                "Broken/unknown-fields.yaml:9:62: load.phases[1].warmUp: unknown field (did you mean 'warmup'?)",
                "Broken/unknown-fields.yaml:10:1: thresholdz: unknown field (did you mean 'thresholds'?)",
                "Broken/unknown-fields.yaml:11:1: endpointUrl: unknown field here (did you mean 'target.endpointUrl'?)",
            ]
        },
        {
            "unknown.json",
            [
                "Broken/unknown.json:4:59: load.phases[0].durration: unknown field (did you mean 'duration'?)",
                "Broken/unknown.json:5:2: sed: unknown field (did you mean 'seed'?)",
            ]
        },
        {
            "wrong-types.yaml",
            [
                "Broken/wrong-types.yaml:2:60: target.timeout: expected a duration like 30s, 5m or 1h30m, got a list",
                "Broken/wrong-types.yaml:4:16: load.maxInFlight: expected a whole number, got 'lots'",
                "Broken/wrong-types.yaml:6:32: load.phases[0].rate: expected a number, got 'fast'",
                "Broken/wrong-types.yaml:6:48: load.phases[0].duration: '30' has no unit; write e.g. 30s or 30ms",
                "Broken/wrong-types.yaml:7:28: load.phases[1].from: expected a number, got the quoted text \"10\"",
                "Broken/wrong-types.yaml:8:13: thresholds: expected a list of expressions like [\"p(99) < 500\", \"errors < 1%\"], got the quoted text \"p(99) < 500\"",
                "Broken/wrong-types.yaml:9:14: abortOnFail: expected true or false, got 'yes'",
                "Broken/wrong-types.yaml:10:7: seed: expected a whole number, got '4.5'",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Broken_scenario_reports_every_problem_with_its_location(string file, string[] expected)
    {
        Assert.Equal(expected, ProblemsOf(file));
    }

    [Fact]
    public void Every_broken_file_has_a_case()
    {
        var files = Directory.GetFiles(Path.Combine(BaseDir, "Broken")).Select(Path.GetFileName).Order().ToArray();
        var covered = Cases().Select(row => (string)row[0]).Order().ToArray();
        Assert.Equal(files, covered);
    }

    [Fact]
    public void Load_throws_UserInputException_with_all_problems()
    {
        var ex = Assert.Throws<UserInputException>(() => ScenarioLoader.Load(Path.Combine(BaseDir, "Broken", "steps-contradictions.yaml")));
        Assert.Equal(10, ex.Problems.Count);
        Assert.All(ex.Problems, p => Assert.True(p.Line > 0 && p.Column > 0 && p.Field.StartsWith("load.phases[")));
    }
}
