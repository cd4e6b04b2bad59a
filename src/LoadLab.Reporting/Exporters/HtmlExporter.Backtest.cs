using System.Text;
using LoadLab.Reporting.Charts;
using LoadLab.Reporting.Model;
using static LoadLab.Reporting.Exporters.Html;

namespace LoadLab.Reporting.Exporters;

/// <summary>The "Backtest" section: simulation.json, the candidate policies replayed on the traffic.</summary>
public sealed partial class HtmlExporter
{
    private static void Backtest(StringBuilder h, ReportModel m)
    {
        Open(h, "backtest");
        if (m.Simulation.Value is not { } s)
        {
            Missing(h, m.Simulation.Problem, "No backtest can be shown.");
            Close(h);
            return;
        }
        h.Append($"<p>Traffic: <strong>{E(s.TrafficSource)}</strong>, from {E(Fmt.Time(s.StartUtc))} in {s.StepS} s steps, seed {s.Seed}. "
                 + $"{s.Candidates.Count} candidate policies replayed through the model of Application Auto Scaling.</p>\n");
        ModelVsRun(h, s);
        var cap = BacktestCharts.Capacity(m);
        if (cap is not null) Figure(h, cap, "Demand (instances needed to meet the SLO) against the instances the recommended and the rule-of-thumb policies would have had in service.");
        else h.Append("<p class=\"missing\" role=\"note\">No per-step series for the recommended or the rule-of-thumb policy.</p>\n");
        var pareto = BacktestCharts.Pareto(m);
        if (pareto is not null) Figure(h, pareto, "Every candidate's cost against its SLO-violation minutes; the Pareto front is the set no other candidate beats on both.");
        h.Append("<h3>Elasticity and outcome per candidate</h3>\n");
        var all = ReportTables.Candidates(s);
        int key = ReportTables.KeyCandidateCount(s);
        Table(h, ReportTables.Slice(all, 0, key), "The recommended policy, the rule of thumb and the Pareto front; elasticity metrics after the SPEC Research Group (accuracy: mean under/over-provisioned instances relative to demand; timeshare: share of time under/over-provisioned)", "candidates");
        if (all.Rows.Count > key)
        {
            h.Append($"<details><summary>The other {all.Rows.Count - key} candidates</summary>");
            Table(h, ReportTables.Slice(all, key), "Every other candidate of the sweep, cheapest first", "candidates others");
            h.Append("</details>\n");
        }
        Close(h);
    }

    /// <summary>The fleet model on the run's own steps, before the candidates: how far the backtest can be trusted.</summary>
    private static void ModelVsRun(StringBuilder h, Core.RunFiles.SimulationFile s)
    {
        h.Append("<h3 id=\"model-vs-run\">Model vs this run</h3>\n");
        foreach (var line in ModelErrorTables.Summary(s)) h.Append("<p>").Append(E(line)).Append("</p>\n");
        if (ModelErrorTables.Steps(s) is { } t)
            Table(h, t, "The backtest's fleet model on the run's own steps: predicted against measured, per step (simulation.json model_error)", "model-error");
        else h.Append("<p class=\"missing\" role=\"note\">No model error: simulate had no measured steps of this run to compare its fleet model with.</p>\n");
    }
}
