using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using HdrHistogram;
using LoadLab.Core.AwsApi;
using LoadLab.Core.Findings;
using LoadLab.Core.Json;
using LoadLab.Core.RunFiles;
using LoadLab.Simulation;

namespace LoadLab.Reporting.Tests.Fixtures;

/// <summary>
/// Writes a realistic, fully deterministic run directory with the Core records: a 10-step ladder (10→100 rps) against
/// a 2-instance endpoint whose p90 follows a queueing curve with capacity 3000 IPI, CloudWatch metrics, the fit, a
/// recommendation (target tracking, a step policy with its alarm, a scheduled action) and a backtest over a day.
/// </summary>
public static class FixtureRun
{
    public static readonly DateTimeOffset Start = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
    private const double L0 = 45, A = 20, Capacity = 3000;
    private const int Instances = 2, StepCount = 10, HoldS = 180, WarmupS = 30;

    public sealed record Options
    {
        public string ScenarioName { get; init; } = "step-ladder";
        public string Endpoint { get; init; } = "demo-endpoint";
        public bool FailThreshold { get; init; }
        public IReadOnlyList<string> ExtraWarnings { get; init; } = [];
        /// <summary>The closed-loop check, in verify/verify.json as the demo lays it out (default: one that held).</summary>
        public ClosedLoopFixture ClosedLoop { get; init; } = ClosedLoopFixture.Held;
    }

    public static string Create(Options? options = null)
    {
        var dir = Path.Combine(Path.GetTempPath(), "loadlab-report-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(dir);
        Write(dir, options ?? new Options());
        return dir;
    }

    public static double P90(double ipm) => L0 + A * ipm / (Capacity - ipm);

    public static void Write(string dir, Options o)
    {
        var rd = new RunDirectory(dir);
        var rng = new Random(42);
        var end = Start.AddSeconds(StepCount * HoldS);

        // --- steps and timeline
        var steps = new List<StepRow>();
        var timeline = new List<TimelineRow>();
        var stepWindows = new List<StepWindow>();
        var histograms = new List<HistogramBase>();
        for (int s = 0; s < StepCount; s++)
        {
            double rate = 10 * (s + 1);
            var sStart = Start.AddSeconds(s * HoldS);
            stepWindows.Add(new StepWindow(s, 0, rate, sStart, sStart.AddSeconds(WarmupS), sStart.AddSeconds(HoldS)));
            double ipm = rate * 60 / Instances;
            double p90 = P90(Math.Min(ipm, Capacity * 0.97));
            double errRate = ipm > 2800 ? 0.004 : 0;
            long requests = (long)(rate * (HoldS - WarmupS));
            // Past capacity some requests are still in flight when the step ends: completed (ok + errors) < offered.
            double achieved = Math.Round(rate * (ipm > 2900 ? 0.97 : 1), 2);
            long completed = (long)Math.Round(achieved * (HoldS - WarmupS));
            long errors = (long)Math.Round(completed * errRate);
            steps.Add(new StepRow
            {
                Step = s, StartUtc = sStart.AddSeconds(WarmupS), EndUtc = sStart.AddSeconds(HoldS),
                OfferedRps = rate, AchievedRps = achieved,
                Requests = requests, Ok = completed - errors, Errors = errors, ErrorRateFraction = errRate,
                ClientP50Ms = Math.Round(p90 * 0.72 + 2, 2), ClientP90Ms = Math.Round(p90 + 2.5, 2), ClientP99Ms = Math.Round(p90 * 1.7 + 4, 2),
                Instances = Instances, InvocationsPerInstancePerMin = ipm,
                ServerModelLatencyMs = Math.Round(p90 * 0.68, 2), ServerOverheadLatencyMs = 1.8,
                CpuPct = Math.Round(Math.Min(195, ipm / Capacity * 190 + 5), 1),
            });

            var hist = new LongHistogram(60_000_000, 3);
            for (int sec = 0; sec < HoldS; sec++)
            {
                var t = sStart.AddSeconds(sec);
                long offered = (long)rate + (rng.NextDouble() < rate % 1 ? 1 : 0);
                long err5 = errRate > 0 && rng.NextDouble() < errRate * rate ? 1 : 0;
                long throttle = ipm > 2900 && rng.NextDouble() < 0.2 ? 1 : 0;
                long ok = offered - err5 - throttle;
                double jitter = 1 + (rng.NextDouble() - 0.5) * 0.12;
                timeline.Add(new TimelineRow
                {
                    TimeUtc = t, Offered = offered, Started = offered, Completed = offered, Ok = ok, Err5xx = err5, ErrThrottle = throttle,
                    InFlight = (long)Math.Ceiling(rate * p90 / 1000), P50Ms = Math.Round(p90 * 0.72 * jitter, 2),
                    P90Ms = Math.Round(p90 * jitter, 2), P99Ms = Math.Round(p90 * 1.7 * jitter, 2),
                });
                for (int i = 0; i < offered; i++)
                {
                    // Log-normal-ish around the step's p90: exp(N(ln(median), 0.35)).
                    double z = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
                    double ms = p90 * 0.72 * Math.Exp(0.35 * z);
                    hist.RecordValue((long)(ms * 1000));
                }
            }
            hist.StartTimeStamp = sStart.ToUnixTimeMilliseconds();
            hist.EndTimeStamp = sStart.AddSeconds(HoldS).ToUnixTimeMilliseconds();
            histograms.Add(hist);
        }
        WriteCsv(rd.StepsCsv, steps);
        WriteCsv(rd.TimelineCsv, timeline);
        // As the engine lays it out: untagged = ok latency from the scheduled start; "service" and "errors" tagged.
        // HdrHistogram.NET writes UTF-16; the engine re-encodes to ASCII as other HdrHistogram tools expect: so do we.
        var logged = new List<HistogramBase>();
        foreach (var h in histograms)
        {
            logged.Add(h);
            var svc = new LongHistogram(60_000_000, 3) { Tag = "service", StartTimeStamp = h.StartTimeStamp, EndTimeStamp = h.EndTimeStamp };
            foreach (var v in h.RecordedValues()) svc.RecordValueWithCount(Math.Max(1, (long)(v.ValueIteratedTo * 0.8)), v.CountAtValueIteratedTo);
            logged.Add(svc);
            var err = new LongHistogram(60_000_000, 3) { Tag = "errors", StartTimeStamp = h.StartTimeStamp, EndTimeStamp = h.EndTimeStamp };
            err.RecordValueWithCount(30_000_000, 3); // 30 s timeouts: must not show in the ok-latency spectrum
            logged.Add(err);
        }
        var buffer = new MemoryStream();
        using (var w = new HistogramLogWriter(buffer))
            w.Write(Start.UtcDateTime, logged.ToArray());
        buffer.Position = 0;
        var text = new StreamReader(buffer, detectEncodingFromByteOrderMarks: true).ReadToEnd();
        File.WriteAllText(rd.LatencyHlog, text, Encoding.ASCII);

        var all = new LongHistogram(60_000_000, 3);
        foreach (var h in histograms) all.Add(h);

        // --- run.json
        var thresholds = new List<ThresholdResult>
        {
            new("p(90) < 500", true, Math.Round(all.GetValueAtPercentile(90) / 1000.0, 1), "client p90 over the whole run, ms"),
            new("errors < 1%", true, 0.0011, "error rate over the whole run"),
        };
        if (o.FailThreshold) thresholds.Add(new("p(99) < 150", false, Math.Round(all.GetValueAtPercentile(99) / 1000.0, 1), "client p99 over the whole run, ms"));
        long total = timeline.Sum(r => r.Offered);
        var run = new RunInfo
        {
            ScenarioName = o.ScenarioName,
            ScenarioPath = "scenarios/step-ladder.yaml",
            Target = new RunTarget("sagemaker", o.Endpoint, "AllTraffic", "us-east-1", null),
            Seed = 42, ToolVersion = "0.1.0", LoadModel = "open",
            StartUtc = Start, EndUtc = end,
            Phases = [new PhaseWindow(0, "steps", Start, end)],
            Steps = stepWindows,
            Totals = new RunTotals(total, total, total, timeline.Sum(r => r.Ok), timeline.Sum(r => r.Errors), 0, 0,
                Math.Round(all.GetValueAtPercentile(50) / 1000.0, 2), Math.Round(all.GetValueAtPercentile(90) / 1000.0, 2),
                Math.Round(all.GetValueAtPercentile(99) / 1000.0, 2), Math.Round(all.GetMaxValue() / 1000.0, 2)),
            Thresholds = thresholds,
            Slo = new SloInfo(90, 250, 0.01),
            Recommend = new RecommendInfo(400, null, 0.23, null, 1, 12),
        };
        LoadLabJson.WriteFile(rd.RunJson, run);

        // --- metrics.json
        var dims = new Dictionary<string, string> { ["EndpointName"] = o.Endpoint, ["VariantName"] = "AllTraffic" };
        var minutes = Enumerable.Range(0, StepCount * HoldS / 60 + 2).Select(i => Start.AddMinutes(i - 1)).ToList();
        double RateAt(DateTimeOffset t) { int s = (int)((t - Start).TotalSeconds / HoldS); return s < 0 || s >= StepCount ? 0 : 10 * (s + 1); }
        MetricSeries Series(string ns, string name, string stat, string? unit, Func<DateTimeOffset, double> f) => new()
        {
            Namespace = ns, MetricName = name, Dimensions = dims, Stat = stat, PeriodS = 60, Unit = unit,
            Points = minutes.Select(t => new MetricPoint(t, Math.Round(f(t), 3))).ToList(),
        };
        var metrics = new MetricsFile
        {
            Endpoint = o.Endpoint, Variant = "AllTraffic", Region = "us-east-1",
            WindowStartUtc = minutes[0], WindowEndUtc = minutes[^1].AddMinutes(1),
            Series =
            [
                Series("AWS/SageMaker", "Invocations", "Sum", "Count", t => RateAt(t) * 60),
                Series("AWS/SageMaker", "InvocationsPerInstance", "Sum", "Count", t => RateAt(t) * 60 / Instances),
                Series("AWS/SageMaker", "ModelLatency", "Average", "Milliseconds", t => RateAt(t) == 0 ? 0 : P90(Math.Min(RateAt(t) * 30, 2900)) * 0.68),
                Series("AWS/SageMaker", "OverheadLatency", "Average", "Milliseconds", t => RateAt(t) == 0 ? 0 : 1.8),
                Series("AWS/SageMaker", "Invocation5XXErrors", "Sum", "Count", t => RateAt(t) >= 100 ? 4 : 0),
                Series("/aws/sagemaker/Endpoints", "CPUUtilization", "Average", "Percent", t => Math.Min(195, RateAt(t) * 30 / Capacity * 190 + 5)),
                Series("/aws/sagemaker/Endpoints", "MemoryUtilization", "Average", "Percent", t => 31.5),
            ],
            InstanceCounts = minutes.Select(t => new InstanceCountSample(t, Instances, Instances, "InService")).ToList(),
            Warnings =
            [
                new Finding(Severity.Info, "cloudwatch.statistic_unanswered", "this CloudWatch did not answer the statistic; the other statistics are unaffected")
                    { Subject = "ModelLatency p90", Detail = "HTTP 500" },
                new Finding(Severity.Info, "cloudwatch.statistic_unanswered", "this CloudWatch did not answer the statistic; the other statistics are unaffected")
                    { Subject = "OverheadLatency p99", Detail = "HTTP 500" },
                Finding.Warning("cloudwatch.gaps", "2 missing period(s) between the first and last datapoint", "CPUUtilization Average"),
            ],
        };
        LoadLabJson.WriteFile(rd.MetricsJson, metrics);

        // --- analysis.json
        var curve = new LatencyCurve { Kind = "queueing", L0Ms = L0, A = A, CapacityIpm = Capacity };
        var analysis = new AnalysisFile
        {
            Slo = run.Slo!, Curve = curve,
            Candidates = [new FitCandidate("queueing", 0.991, 6.2, 3, 41.3), new FitCandidate("segmented", 0.962, 12.8, 4, 58.9), new FitCandidate("linear", 0.611, 41.0, 2, 90.2)],
            KneeIpm = 2410, SustainableIpm = 2733, SustainableIpmCiLow = 2651, SustainableIpmCiHigh = 2802,
            MaxRpsPerInstance = 47.5, Saturated = true, StepsUsed = StepCount, ErrorOnsetIpm = 2850,
            InstanceStartupS = 420, InstanceStartupMeasured = false,
            Points = steps.Select(s => new AnalysisPoint(s.Step, s.InvocationsPerInstancePerMin!.Value, s.ClientP90Ms, s.ErrorRateFraction, s.OfferedRps, s.AchievedRps, true)).ToList(),
            Warnings = [Finding.Warning(Finding.Unclassified, "Instance startup time not measured; assumed 420 s (SageMaker typical).")],
        };
        LoadLabJson.WriteFile(rd.AnalysisJson, analysis);

        // --- recommendation.json
        var resource = ScalingConstants.VariantResourceId(o.Endpoint, "AllTraffic");
        var rec = new RecommendationFile
        {
            Endpoint = o.Endpoint, Variant = "AllTraffic",
            RegisterScalableTarget = new RegisterScalableTargetRequest { ResourceId = resource, MinCapacity = 1, MaxCapacity = 12 },
            PutScalingPolicy =
            [
                new PutScalingPolicyRequest
                {
                    PolicyName = "loadlab-target-tracking", ResourceId = resource, PolicyType = PolicyTypes.TargetTrackingScaling,
                    TargetTrackingScalingPolicyConfiguration = new TargetTrackingScalingPolicyConfiguration
                    {
                        TargetValue = 1640,
                        PredefinedMetricSpecification = new PredefinedMetricSpecification { PredefinedMetricType = ScalingConstants.InvocationsPerInstanceMetric },
                        ScaleOutCooldown = 60, ScaleInCooldown = 600,
                    },
                },
                new PutScalingPolicyRequest
                {
                    PolicyName = "loadlab-spike-step", ResourceId = resource, PolicyType = PolicyTypes.StepScaling,
                    StepScalingPolicyConfiguration = new StepScalingPolicyConfiguration
                    {
                        AdjustmentType = AdjustmentTypes.ChangeInCapacity, Cooldown = 120, MetricAggregationType = "Maximum",
                        StepAdjustments =
                        [
                            new StepAdjustment { MetricIntervalLowerBound = 0, MetricIntervalUpperBound = 500, ScalingAdjustment = 1 },
                            new StepAdjustment { MetricIntervalLowerBound = 500, ScalingAdjustment = 3 },
                        ],
                    },
                },
            ],
            PutMetricAlarm =
            [
                new PutMetricAlarmRequest
                {
                    AlarmName = "loadlab-spike-step-high", AlarmDescription = "IPI above the sustainable load: add capacity fast",
                    AlarmActions = [RecommendationFile.PolicyArnPlaceholderPrefix + "loadlab-spike-step"],
                    Namespace = "AWS/SageMaker", MetricName = "InvocationsPerInstance", Statistic = "Sum",
                    Dimensions = [new MetricDimension { Name = "EndpointName", Value = o.Endpoint }, new MetricDimension { Name = "VariantName", Value = "AllTraffic" }],
                    Period = 60, EvaluationPeriods = 1, Threshold = 2460, ComparisonOperator = "GreaterThanOrEqualToThreshold", TreatMissingData = "notBreaching",
                },
            ],
            PutScheduledAction =
            [
                new PutScheduledActionRequest
                {
                    ScheduledActionName = "loadlab-business-hours", ResourceId = resource, Schedule = "cron(0 8 ? * MON-FRI *)", Timezone = "Europe/Paris",
                    ScalableTargetAction = new ScalableTargetAction { MinCapacity = 3, MaxCapacity = 12 },
                },
            ],
            Basis = new RecommendationBasis
            {
                SustainableIpm = 2733, HeadroomFraction = 0.6, TargetValue = 1640, RuleOfThumbTarget = 1425, MaxRpsPerInstance = 47.5,
                InstanceStartupS = 420, PeakRps = 400, GrowthFractionPerMin = 0.08,
            },
            Alternatives = [new PolicyAlternative("rule-of-thumb", ScalingConstants.InvocationsPerInstanceMetric, 1425, "AWS: max RPS per instance × 0.5 × 60")],
            Cost = new CostEstimate(0.23, 9, 1, 2.07, 2.34),
            Rationale = ["Target = 60 % of the sustainable 2,733 IPI, so a 420 s instance start is covered at 8 %/min growth.", "Scale-in cooldown 600 s avoids flapping seen in the backtest."],
            Warnings = o.ExtraWarnings.Select(w => Finding.Warning(Finding.Unclassified, w)).ToList(),
        };
        LoadLabJson.WriteFile(rd.RecommendationJson, rec);

        // --- simulation.json
        var candidates = new List<CandidateResult>();
        var simStart = new DateTimeOffset(1998, 6, 10, 0, 0, 0, TimeSpan.Zero);
        IReadOnlyList<SimulationSample> Timeline(double target, int lag)
        {
            var list = new List<SimulationSample>();
            int inService = 2;
            var history = new Queue<int>();
            for (int i = 0; i < 24 * 60 / 5; i++)
            {
                double hour = i * 5 / 60.0;
                double demandRpm = 24000 + 20000 * Math.Sin((hour - 9) / 24 * 2 * Math.PI) + (hour is > 17 and < 19 ? 35000 : 0);
                double required = demandRpm / 2733;
                int desired = Math.Clamp((int)Math.Ceiling(demandRpm / target), 1, 12);
                history.Enqueue(desired);
                if (history.Count > lag) inService = history.Dequeue();
                double ipm = demandRpm / inService;
                list.Add(new SimulationSample(simStart.AddMinutes(i * 5), demandRpm, required, desired, inService, ipm, P90(Math.Min(ipm, 2990)), 0));
            }
            return list;
        }
        var targets = new[] { 1000.0, 1200, 1425, 1640, 1800, 2000, 2200, 2400, 2600 };
        foreach (var t in targets)
        {
            bool keep = t is 1640 or 1425;
            string name = t == 1425 ? "rule-of-thumb" : t == 1640 ? "recommended" : $"tt-{t:0}";
            double viol = Math.Max(0, (t - 1500) / 12.0) + (t < 1300 ? 0 : 3);
            var series = Timeline(t, t == 1425 ? 2 : 1);
            // The simulator's own accumulator, so the fixture's elasticity figures are in the unit simulate writes.
            var elasticity = new ElasticityAccumulator();
            foreach (var sample in series) elasticity.Add(sample.RequiredInstances, sample.InServiceInstances);
            candidates.Add(new CandidateResult
            {
                Name = name, Description = $"target tracking at {t:0}", TargetValue = t, ScaleOutCooldownS = t == 1425 ? 300 : 60, ScaleInCooldownS = t == 1425 ? 300 : 600,
                SloViolationMinutes = Math.Round(t == 1425 ? 14 : viol, 1), SloViolationMinutesPessimistic = Math.Round((t == 1425 ? 14 : viol) * 1.5 + 2, 1), WorstLatencyMs = Math.Round(P90(Math.Min(t * 1.6, 2990)), 1),
                InstanceHours = Math.Round(150000 / t, 1), CostUsd = Math.Round(150000 / t * 0.23, 2),
                ScaleOuts = (int)(30000 / t), ScaleIns = (int)(28000 / t),
                Elasticity = elasticity.Result(),
                Timeline = keep ? series : [],
            });
        }
        var sim = new SimulationFile
        {
            TrafficSource = "worldcup98 1998-06-10 (per-minute requests, scaled)", StartUtc = simStart, StepS = 300, Seed = 42,
            Candidates = candidates, ParetoFront = ["tt-1000", "tt-1200", "recommended", "tt-1800", "tt-2000"], Recommended = "recommended",
            Warnings = [Finding.Warning(Finding.Unclassified, "The rule-of-thumb policy violates the SLO for 14 minutes during the evening peak.")],
            Fleet = new FleetAssumptions("queueing", Capacity, 2733, 90, 250, 0.01, 420, 30, 60, 0.23)
            {
                QueueFullWaitS = 0.35, QueueLimitRequestsPerInstance = 17.5, QueueLimitBasis = "from the error onset between the last two steps",
            },
            ModelError = ModelError(steps),
            PessimisticFleet = new PessimisticFleet(2651, 2910, 0.97, "the low end of the sustainable IPI's interval"),
        };
        LoadLabJson.WriteFile(rd.SimulationJson, sim);

        if (o.ClosedLoop != ClosedLoopFixture.None) FixtureVerify.Write(dir, FixtureVerify.Create(o.ClosedLoop == ClosedLoopFixture.Held));
    }

    /// <summary>The fleet model's prediction for each fixture step (the curve itself, so errors are the steps' rounding and offsets).</summary>
    private static FleetModelError ModelError(IReadOnlyList<StepRow> steps)
    {
        var predictions = steps.Select(st =>
        {
            double ipm = st.InvocationsPerInstancePerMin!.Value, predicted = Math.Round(P90(Math.Min(ipm, Capacity * 0.97)), 2);
            double latencyError = Math.Round((predicted - st.ClientP90Ms) / st.ClientP90Ms * 100, 2);
            double predictedErrors = ipm > 2900 ? 0.003 : 0;
            return new StepPrediction(st.Step, ipm, 150, predicted, st.ClientP90Ms, latencyError, predictedErrors, st.ErrorRateFraction, predictedErrors - st.ErrorRateFraction);
        }).ToList();
        return new FleetModelError
        {
            LatencyPercentile = 90, Steps = predictions,
            MaxAbsLatencyErrorPct = predictions.Max(x => Math.Abs(x.LatencyErrorPct)),
            MaxAbsErrorRateErrorFraction = predictions.Max(x => Math.Abs(x.ErrorRateErrorFraction)),
            Basis = "each step's offered load replayed on the fitted fleet",
        };
    }

    /// <summary>Writes records as CSV with snake_case headers (how the engine names its columns).</summary>
    public static void WriteCsv<T>(string path, IEnumerable<T> rows)
    {
        var props = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).ToArray();
        var sb = new StringBuilder();
        sb.Append(string.Join(",", props.Select(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name)))).Append('\n');
        foreach (var r in rows)
        {
            sb.Append(string.Join(",", props.Select(p => p.GetValue(r) switch
            {
                null => "",
                DateTimeOffset t => CsvFormat.Time(t),
                double d => CsvFormat.Number(d),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                var x => x.ToString(),
            }))).Append('\n');
        }
        File.WriteAllText(path, sb.ToString());
    }
}
