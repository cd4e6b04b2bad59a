using System.Globalization;
using LoadLab.Core.Findings;
using LoadLab.Core.RunFiles;

namespace LoadLab.Analysis.Steps;

/// <summary>The steady steps with client and server figures joined, and what could not be joined.</summary>
public sealed record StepAggregation(IReadOnlyList<StepRow> Steps, IReadOnlyList<Finding> Warnings);

/// <summary>
/// Joins client-side step figures (steps.csv, or timeline.csv when steps.csv is missing) with server-side
/// figures (metrics.json) over each steady step window (run.json, warm-up excluded). Pure.
/// Server columns: instances (time-weighted in-service count), invocations per instance per minute
/// (achieved rate × 60 / instances), ModelLatency and OverheadLatency (Average, ms), CPUUtilization (Average, %).
/// </summary>
public static class StepAggregator
{
    public static StepAggregation Aggregate(RunInfo run, IReadOnlyList<StepRow>? clientSteps, IReadOnlyList<TimelineRow>? timeline,
        MetricsFile? metrics)
    {
        var warnings = new List<Finding>();
        IReadOnlyList<StepRow> steps;
        if (clientSteps is { Count: > 0 }) steps = clientSteps;
        else if (timeline is { Count: > 0 } && run.Steps.Count > 0)
        {
            steps = FromTimeline(run.Steps, timeline);
            warnings.Add(Finding.Warning(AnalysisCodes.StepsRebuilt, "steps.csv is missing or empty: steps were rebuilt from timeline.csv; client percentiles are "
                         + "request-weighted means of per-second percentiles (approximate)"));
        }
        else
        {
            warnings.Add(Finding.Error(AnalysisCodes.NoSteps, run.Steps.Count == 0
                ? "run.json lists no steady steps (no 'steps' phase?): there is nothing to fit"
                : "neither steps.csv nor timeline.csv holds data for the steps"));
            return new StepAggregation([], warnings);
        }

        var windows = run.Steps.ToDictionary(s => s.Index);
        var mean = (string name, string stat) => SeriesWindow.Find(metrics, name, stat);
        var modelLat = mean("ModelLatency", "Average");
        var overheadLat = mean("OverheadLatency", "Average");
        var cpu = mean("CPUUtilization", "Average");
        var invocations = mean("Invocations", "Sum");
        var ipiSeries = mean("InvocationsPerInstance", "Sum");
        // A target that is not a SageMaker endpoint (plain HTTP, the sim) has no CloudWatch to collect: expected, so info.
        if (metrics is null)
            warnings.Add(run.Target.Endpoint is null
                ? Finding.Info(AnalysisCodes.MetricsMissing, "no metrics.json (the target is not a SageMaker endpoint, so CloudWatch has nothing to collect): server-side columns stay empty")
                : Finding.Warning(AnalysisCodes.MetricsMissing, "metrics.json is missing: server-side columns stay empty (run 'loadlab collect' first)"));
        else
        {
            if (metrics.InstanceCounts.Count == 0 && (invocations is null || ipiSeries is null))
                warnings.Add(Finding.Warning(AnalysisCodes.InstancesUnknown, "metrics.json has no instance counts and no Invocations/InvocationsPerInstance pair: instance counts are unknown"));
            if (modelLat is null) warnings.Add(Finding.Warning(AnalysisCodes.NoModelLatency, "metrics.json has no ModelLatency Average series: the server latency columns stay empty"));
        }

        var result = new List<StepRow>(steps.Count);
        var shortSteps = new List<int>();
        foreach (var s in steps)
        {
            var (start, end) = windows.TryGetValue(s.Step, out var w) ? (w.SteadyStartUtc, w.EndUtc) : (s.StartUtc, s.EndUtc);
            double? instances = null;
            if (metrics is not null)
            {
                instances = SeriesWindow.InstanceMean(metrics.InstanceCounts, start, end);
                if (instances is null && SeriesWindow.Mean(invocations, start, end) is { } inv && SeriesWindow.Mean(ipiSeries, start, end) is { } per && per > 0)
                    instances = inv / per;
            }
            instances ??= s.Instances;
            double? ipi = s.InvocationsPerInstancePerMin;
            if (instances is { } n && n > 0 && double.IsFinite(s.AchievedRps)) ipi = s.AchievedRps * 60.0 / n;
            else if (ipiSeries is not null && SeriesWindow.Mean(ipiSeries, start, end) is { } perPeriod)
                ipi = perPeriod * 60.0 / ipiSeries.PeriodS;

            var row = s with
            {
                Instances = instances is { } i ? Math.Round(i, 3) : null,
                InvocationsPerInstancePerMin = ipi,
                ServerModelLatencyMs = SeriesWindow.Mean(modelLat, start, end) ?? s.ServerModelLatencyMs,
                ServerOverheadLatencyMs = SeriesWindow.Mean(overheadLat, start, end) ?? s.ServerOverheadLatencyMs,
                CpuPct = SeriesWindow.Mean(cpu, start, end) ?? s.CpuPct,
            };
            if (metrics is not null && modelLat is not null && row.ServerModelLatencyMs is null)
            {
                if ((end - start).TotalSeconds < modelLat.PeriodS / 2.0) shortSteps.Add(s.Step);
                else warnings.Add(AnalysisCodes.Step(Severity.Info, AnalysisCodes.ServerGap, s.Step, "CloudWatch has no ModelLatency datapoint inside the step (gap): its server columns stay empty",
                    string.Format(CultureInfo.InvariantCulture, "{0:HH:mm:ss}-{1:HH:mm:ss}", start.UtcDateTime, end.UtcDateTime)));
            }
            if (s.Ok == 0 && s.Requests > 0)
                warnings.Add(AnalysisCodes.Step(Severity.Warning, AnalysisCodes.StepNoSuccess, s.Step, "no successful request, so it has no latency; it counts only for errors and throughput"));
            result.Add(row);
        }
        if (shortSteps.Count > 0)
            warnings.Add(Finding.Info(AnalysisCodes.StepsShorterThanPeriod, string.Format(CultureInfo.InvariantCulture,
                "steps {0}: shorter than half the CloudWatch period ({1} s), so no server datapoint belongs to them alone and their server columns stay empty; "
                + "use longer steps, or high-resolution metrics collected with 'loadlab collect --period 10'", string.Join(", ", shortSteps), modelLat!.PeriodS)));
        return new StepAggregation(result, warnings);
    }

    /// <summary>Client-side figures for each steady window from the per-second timeline.</summary>
    public static IReadOnlyList<StepRow> FromTimeline(IReadOnlyList<StepWindow> windows, IReadOnlyList<TimelineRow> timeline)
    {
        var rows = new List<StepRow>();
        foreach (var w in windows.OrderBy(w => w.Index))
        {
            var sec = timeline.Where(r => r.TimeUtc >= w.SteadyStartUtc && r.TimeUtc < w.EndUtc).ToList();
            if (sec.Count == 0) continue;
            double seconds = Math.Max(1, (w.EndUtc - w.SteadyStartUtc).TotalSeconds);
            long ok = sec.Sum(r => r.Ok), errors = sec.Sum(r => r.Errors), completed = sec.Sum(r => r.Completed);
            double Weighted(Func<TimelineRow, double> f)
            {
                var withOk = sec.Where(r => r.Ok > 0 && double.IsFinite(f(r))).ToList();
                return withOk.Count == 0 ? double.NaN : withOk.Sum(r => f(r) * r.Ok) / withOk.Sum(r => r.Ok);
            }
            rows.Add(new StepRow
            {
                Step = w.Index, StartUtc = w.SteadyStartUtc, EndUtc = w.EndUtc,
                OfferedRps = sec.Sum(r => r.Offered) / seconds,
                AchievedRps = completed / seconds,
                Requests = ok + errors, Ok = ok, Errors = errors, Dropped = sec.Sum(r => r.Dropped),
                ErrorRateFraction = ok + errors > 0 ? (double)errors / (ok + errors) : double.NaN,
                ClientP50Ms = Weighted(r => r.P50Ms), ClientP90Ms = Weighted(r => r.P90Ms), ClientP99Ms = Weighted(r => r.P99Ms),
            });
        }
        return rows;
    }
}
