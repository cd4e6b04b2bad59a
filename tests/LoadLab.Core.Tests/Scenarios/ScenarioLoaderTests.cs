using System.Text;
using LoadLab.Core.Scenarios;

namespace LoadLab.Core.Tests.Scenarios;

public sealed class ScenarioLoaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("loadlab-scenarios-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static string[] Problems(ScenarioValidation v) => v.Problems.Select(p => p.ToString()).ToArray();

    private const string FullYaml = """
        name: full
        description: every field
        target:
          kind: sagemaker
          endpoint: my-endpoint
          variant: Blue
          region: eu-west-1
          endpointUrl: http://127.0.0.1:8080
          customAttributes: "a=1"
          targetVariant: Green
          timeout: 1m30s
        payload: { contentType: application/json, accept: application/json, file: payloads/one.json }
        slo: { latency: { percentile: 99.9, ms: 300 }, maxErrorRate: 2% }
        load:
          model: open
          maxInFlight: 123
          gracefulStop: 3s
          phases:
            - { shape: steps, from: 20, to: 260, step: 40, hold: 20s, warmup: 5s }
            - { shape: ramp, from: 200, to: 20, duration: 5m }
            - { shape: constant, rate: 7.5, duration: 10s }
            - { shape: spike, base: 50, peak: 300, duration: 1m }
            - { shape: poisson, rate: 100, duration: 5m }
            - { shape: sine, mean: 100, amplitude: 60, period: 30m, duration: 2h }
            - { shape: replay, file: trace.csv, speedup: 60, scale: 0.5, skip: 1, take: 2 }
            - { shape: pause, duration: 30s }
        thresholds: [ "p(99) < 500", "errors < 1%" ]
        abortOnFail: true
        recommend: { peakRps: 400, instanceStartup: 6m, pricePerInstanceHour: 0.23, growthPerMinute: 10%, minCapacity: 2, maxCapacity: 9 }
        seed: 12345
        """;

    private void WriteFiles()
    {
        Write("payloads/one.json", """{"x": 1}""");
        Write("trace.csv", "period,count\n1998-06-29 00:00:00,60\n1998-06-29 00:01:00,120\n1998-06-29 00:02:00,180\n1998-06-29 00:03:00,240\n");
    }

    [Fact]
    public void Reads_every_field_of_the_design_sketch()
    {
        WriteFiles();
        var s = ScenarioLoader.Load(Write("full.yaml", FullYaml));

        Assert.Equal(("full", "every field", 12345L, true), (s.Name, s.Description, s.Seed!.Value, s.AbortOnFail));
        Assert.Equal(Path.Combine(_dir, "full.yaml"), s.SourcePath);
        var t = s.Target;
        Assert.Equal((TargetKind.SageMaker, "my-endpoint", "Blue", "eu-west-1", "http://127.0.0.1:8080", "a=1", "Green", TimeSpan.FromSeconds(90)),
            (t.Kind, t.Endpoint, t.Variant, t.Region, t.EndpointUrl, t.CustomAttributes, t.TargetVariant, t.Timeout));
        Assert.Equal(("application/json", "application/json", Path.Combine(_dir, "payloads", "one.json")),
            (s.Payload!.ContentType, s.Payload.Accept, s.Payload.File));
        Assert.Equal("""{"x": 1}""", Encoding.UTF8.GetString(Assert.Single(s.Payload.Bodies).Content));
        Assert.Equal(new SloSpec { LatencyPercentile = 99.9, LatencyMs = 300, MaxErrorRate = 0.02 }, s.Slo);
        Assert.Equal((LoadModel.Open, 123, TimeSpan.FromSeconds(3)), (s.Load.Model, s.Load.MaxInFlight, s.Load.GracefulStop));
        Assert.Equal(["p(99) < 500", "errors < 1%"], s.Thresholds);
        Assert.Equal(new RecommendSpec
        {
            PeakRps = 400, InstanceStartup = TimeSpan.FromMinutes(6), PricePerInstanceHour = 0.23, GrowthPerMinute = 0.1,
            MinCapacity = 2, MaxCapacity = 9,
        }, s.Recommend);

        var p = s.Load.Phases;
        Assert.Equal(8, p.Count);
        Assert.Equal((PhaseShape.Steps, 20.0, 260.0, 40.0, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(140), 19, 7),
            (p[0].Shape, p[0].From, p[0].To, p[0].Step, p[0].Hold, p[0].Warmup, p[0].Duration, p[0].Line, p[0].Column));
        Assert.Equal((PhaseShape.Ramp, 200.0, 20.0, TimeSpan.FromMinutes(5)), (p[1].Shape, p[1].From, p[1].To, p[1].Duration));
        Assert.Equal((PhaseShape.Constant, 7.5, TimeSpan.FromSeconds(10)), (p[2].Shape, p[2].Rate, p[2].Duration));
        Assert.Equal((PhaseShape.Spike, 50.0, 300.0, TimeSpan.FromMinutes(1), (TimeSpan?)null), (p[3].Shape, p[3].Base, p[3].Peak, p[3].Duration, p[3].PeakDuration));
        Assert.Equal((PhaseShape.Poisson, 100.0, TimeSpan.FromMinutes(5)), (p[4].Shape, p[4].Rate, p[4].Duration));
        Assert.Equal((PhaseShape.Sine, 100.0, 60.0, TimeSpan.FromMinutes(30), TimeSpan.FromHours(2)), (p[5].Shape, p[5].Mean, p[5].Amplitude, p[5].Period, p[5].Duration));
        Assert.Equal((PhaseShape.Replay, Path.Combine(_dir, "trace.csv"), 60.0, 0.5, 1, (int?)2, TimeSpan.FromSeconds(2)),
            (p[6].Shape, p[6].File, p[6].Speedup, p[6].Scale, p[6].Skip, p[6].Take, p[6].Duration));
        Assert.Equal([60.0, 120, 180, 240], p[6].Trace!.Counts);
        Assert.Equal((PhaseShape.Pause, TimeSpan.FromSeconds(30)), (p[7].Shape, p[7].Duration));

        // The replay phase: rows 120 and 180 at 60x, scale 0.5 → 60 and 90 requests/s for one second each.
        var profile = RateProfile.For(s.Load);
        var replay = profile.Phases[6];
        Assert.Equal(60, profile.RateAt(replay.Start + TimeSpan.FromSeconds(0.5)));
        Assert.Equal(90, profile.RateAt(replay.Start + TimeSpan.FromSeconds(1.5)));
    }

    [Fact]
    public void Json_gives_the_same_scenario_as_yaml()
    {
        WriteFiles();
        var yaml = ScenarioLoader.Load(Write("a.yaml", """
            name: same
            target: { kind: http, url: "http://127.0.0.1:9000/predict", method: put, headers: { X-Api: k1 } }
            payload: { contentType: text/plain, inline: hello }
            load:
              model: closed
              thinkTime: 250ms
              phases:
                - { shape: constant, users: 4, duration: 1m }
                - { shape: steps, from: 2, to: 8, step: 2, hold: 30s }
            thresholds: [ "p(95) < 300" ]
            """));
        var json = ScenarioLoader.Load(Write("a.json", """
            {
              "name": "same",
              "target": { "kind": "http", "url": "http://127.0.0.1:9000/predict", "method": "put", "headers": { "X-Api": "k1" } },
              "payload": { "contentType": "text/plain", "inline": "hello" },
              "load": {
                "model": "closed",
                "thinkTime": "250ms",
                "phases": [
                  { "shape": "constant", "users": 4, "duration": "1m" },
                  { "shape": "steps", "from": 2, "to": 8, "step": 2, "hold": "30s" }
                ]
              },
              "thresholds": ["p(95) < 300"]
            }
            """));
        foreach (var s in new[] { yaml, json })
        {
            Assert.Equal((TargetKind.Http, "http://127.0.0.1:9000/predict", "PUT", "k1"), (s.Target.Kind, s.Target.Url, s.Target.Method, s.Target.Headers["x-api"]));
            Assert.Equal(("text/plain", "hello"), (s.Payload!.ContentType, Encoding.UTF8.GetString(s.Payload.Bodies[0].Content)));
            Assert.Equal((LoadModel.Closed, TimeSpan.FromMilliseconds(250)), (s.Load.Model, s.Load.ThinkTime));
            Assert.Equal(4, s.Load.Phases[0].Rate);
            Assert.Equal(TimeSpan.FromMinutes(2), s.Load.Phases[1].Duration);
            Assert.Equal(["p(95) < 300"], s.Thresholds);
        }
        Assert.Equal(RateProfile.For(yaml.Load).Steps, RateProfile.For(json.Load).Steps);
    }

    [Fact]
    public void Json_escapes_and_numbers_read_as_json_means_them()
    {
        var s = ScenarioLoader.Parse("""
            {"name":"esc","description":"caf\u00e9 \/ \"q\" \\ \t",
             "target":{"kind":"http","url":"http:\/\/127.0.0.1:1\/x"},
             "load":{"phases":[{"shape":"ramp","from":1.5e1,"to":-0.0e0,"duration":"1m"},{"shape":"constant","rate":2E-1,"duration":"1s"}]}}
            """, "esc.json").GetOrThrow();
        Assert.Equal("café / \"q\" \\ \t", s.Description);
        Assert.Equal("http://127.0.0.1:1/x", s.Target.Url);
        Assert.Equal((15.0, 0.0, 0.2), (s.Load.Phases[0].From, s.Load.Phases[0].To, s.Load.Phases[1].Rate));
    }

    [Fact]
    public void Json_problems_carry_line_and_column()
    {
        var bad = ScenarioLoader.Validate(Write("bad.json", "{\n  \"name\": \"x\",\n  \"load\": { \"phases\": [ { \"shape\": \"constant\" \"rate\": 1 } ] }\n}"));
        Assert.Equal([$"{Path.Combine(_dir, "bad.json")}:3:47: malformed JSON: '\"' is invalid after a value. Expected either ',', '}}', or ']'."], Problems(bad));

        var comment = ScenarioLoader.Validate(Write("comment.json", "{\n  // no comments in JSON\n  \"name\": \"x\"\n}"));
        Assert.Equal([$"{Path.Combine(_dir, "comment.json")}:2:3: malformed JSON: comments are not allowed in JSON"], Problems(comment));

        var types = ScenarioLoader.Parse("{\"target\": {\"endpoint\": 5}, \"load\": {\"phases\": [{\"shape\": \"pause\", \"duration\": 30}]}}", "t.json");
        Assert.Equal([
            "t.json:1:80: load.phases[0].duration: '30' has no unit; write e.g. 30s or 30ms",
        ], Problems(types));
    }

    [Fact]
    public void Unusual_yaml_documents_are_reported_not_thrown()
    {
        Assert.Equal(["e.yaml:1:1: the file is empty (a scenario needs at least target and load)"],
            Problems(ScenarioLoader.Parse("# nothing here\n", "e.yaml")));
        Assert.Equal(["two.yaml:4:1: the file holds 2 YAML documents; a scenario is one document (remove '---')"],
            Problems(ScenarioLoader.Parse("name: a\n---\n\nname: b\n", "two.yaml")));
        Assert.Equal(["list.yaml:1:1: expected a mapping (key: value pairs), got a list"],
            Problems(ScenarioLoader.Parse("- a\n- b\n", "list.yaml")));
        Assert.Equal(["tab.yaml:3:1: malformed YAML: tabs cannot indent YAML; use spaces"],
            Problems(ScenarioLoader.Parse("name: a\nload:\n\tphases: []\n", "tab.yaml")));
        Assert.Equal(["q.yaml:1:7: malformed YAML: while scanning a quoted scalar, found unexpected end of stream."],
            Problems(ScenarioLoader.Parse("name: \"open\n", "q.yaml")));
        Assert.Equal(["u.yaml:2:3: malformed YAML: '[' is not closed (expected ']' before line 3)"],
            Problems(ScenarioLoader.Parse("load:\n  [1, 2\nname: 3\n", "u.yaml")));
    }

    [Fact]
    public void Files_that_cannot_be_read_are_bad_input()
    {
        var missing = Path.Combine(_dir, "nope.yaml");
        Assert.Equal([$"{missing}: file not found"], Problems(ScenarioLoader.Validate(missing)));
        Assert.Equal([$"{_dir}: is a folder, not a scenario file"], Problems(ScenarioLoader.Validate(_dir)));
        var latin1 = Path.Combine(_dir, "latin1.yaml");
        File.WriteAllBytes(latin1, [0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xe9, 0x0a]);
        Assert.Equal([$"{latin1}: is not UTF-8 text"], Problems(ScenarioLoader.Validate(latin1)));
    }

    [Fact]
    public void K6_object_form_thresholds_become_prefixed_expressions()
    {
        var v = ScenarioLoader.Parse("""
            target: { endpoint: ep }
            load: { phases: [ { shape: pause, duration: 1s } ] }
            thresholds:
              http_req_duration: [ "p(95)<200", "avg<100" ]
              http_req_failed: "rate<0.01"
              http_reqs: [ "rate > 10", "avg < 3" ]
              http_req_waiting: [ "p(95)<200" ]
            """, "k6.yaml");
        Assert.Equal([
            "k6.yaml:6:29: thresholds.http_reqs[1]: http_reqs takes rate or count, not 'avg'",
            "k6.yaml:7:3: thresholds.http_req_waiting: unknown field (expected one of: http_req_duration, http_req_failed, http_reqs, dropped_iterations)",
        ], Problems(v));

        var ok = ScenarioLoader.Parse("""
            target: { endpoint: ep }
            load: { phases: [ { shape: pause, duration: 1s } ] }
            thresholds: { http_req_duration: [ "p(95)<200" ], http_req_failed: "rate<0.01", http_reqs: ["rate > 10"] }
            """, "k6.yaml").GetOrThrow();
        Assert.Equal(["http_req_duration: p(95)<200", "http_req_failed: rate<0.01", "http_reqs: rate > 10"], ok.Thresholds);
        Assert.Equal([LoadLab.Core.Thresholds.ThresholdMetric.LatencyPercentile, LoadLab.Core.Thresholds.ThresholdMetric.ErrorRate, LoadLab.Core.Thresholds.ThresholdMetric.Rps],
            ok.Thresholds.Select(t => LoadLab.Core.Thresholds.Threshold.Parse(t).Metric));
    }

    [Fact]
    public void Absurd_lengths_are_problems_not_overflows()
    {
        Write("t.csv", "time,count\n0,1\n60,2\n");
        var v = ScenarioLoader.Validate(Write("long.yaml", """
            name:
            target: { endpoint: ep }
            load:
              model:
              phases:
                - { shape: replay, file: t.csv, speedup: 1e-9 }
                - { shape: steps, from: 1, to: 1000, step: 1, hold: 300d }
                - { shape: pause, duration: 400d }
            """));
        var file = Path.Combine(_dir, "long.yaml");
        Assert.Equal([
            $"{file}:1:1: name: has no value",
            $"{file}:6:46: load.phases[0].speedup: the replay would last 1388889 days (2 rows of 1m at speedup 1E-09); at most 366 days",
            $"{file}:7:57: load.phases[1].hold: the ladder would last 300000 days (1000 levels × 300d); at most 366 days",
            $"{file}:8:33: load.phases[2].duration: is longer than 366 days",
        ], Problems(v));
        var ladder = ScenarioLoader.Parse("target: { endpoint: ep }\nload: { phases: [ { shape: steps, from: 1, to: 1000, step: 1, hold: 1d } ] }\n", "l.yaml");
        Assert.Equal(["l.yaml:2:69: load.phases[0].hold: the ladder would last 1000 days (1000 levels × 1d); at most 366 days"], Problems(ladder));
    }

    [Theory]
    [InlineData("abortOnFail: true\n")]
    [InlineData("abortOnFail: true\nthresholds: []\n")]
    public void AbortOnFail_needs_thresholds(string tail)
    {
        var v = ScenarioLoader.Parse("target: { endpoint: ep }\nload: { phases: [ { shape: pause, duration: 1s } ] }\n" + tail, "a.yaml");
        Assert.Equal(["a.yaml:3:14: abortOnFail: needs thresholds to abort on"], Problems(v));
    }

    [Fact]
    public void Name_defaults_to_the_file_name_and_kind_to_sagemaker()
    {
        var s = ScenarioLoader.Load(Write("nightly-check.yml", "target: { endpoint: ep }\nload: { phases: [ { shape: pause, duration: 1s } ] }\n"));
        Assert.Equal(("nightly-check", TargetKind.SageMaker, "AllTraffic"), (s.Name, s.Target.Kind, s.Target.Variant));
        Assert.Null(s.Payload);
        Assert.Equal(new SloSpec(), s.Slo);
    }

    [Fact]
    public void Inline_json_payload_is_checked_at_its_line()
    {
        var v = ScenarioLoader.Parse("""
            target: { endpoint: ep }
            payload: { contentType: application/json, inline: "{oops" }
            load: { phases: [ { shape: pause, duration: 1s } ] }
            """, "i.yaml");
        Assert.Equal("i.yaml:2:51: payload.inline: contentType is JSON but the inline body is not valid JSON: 'o' is an invalid start of a property name. Expected a '\"'.",
            Assert.Single(Problems(v)));
    }

    [Fact]
    public void SageMaker_payloads_over_6_MB_are_refused()
    {
        Write("big.bin", new string('x', 6 * 1024 * 1024 + 1));
        var v = ScenarioLoader.Validate(Write("big.yaml", """
            target: { endpoint: ep }
            payload: { contentType: application/octet-stream, file: big.bin }
            load: { phases: [ { shape: pause, duration: 1s } ] }
            """));
        Assert.Equal([$"{Path.Combine(_dir, "big.yaml")}:2:57: payload.file: {Path.Combine(_dir, "big.bin")} is 6,291,457 bytes; SageMaker real-time endpoints accept at most 6 MB per request"],
            Problems(v));
    }

    [Fact]
    public void Relative_paths_resolve_against_the_scenario_folder_not_the_working_directory()
    {
        Write("sub/payloads/p.json", "{}");
        var s = ScenarioLoader.Load(Write("sub/s.yaml", "target: { endpoint: ep }\npayload: { file: payloads/p.json }\nload: { phases: [ { shape: pause, duration: 1s } ] }\n"));
        Assert.Equal(Path.Combine(_dir, "sub", "payloads", "p.json"), s.Payload!.File);
    }
}
