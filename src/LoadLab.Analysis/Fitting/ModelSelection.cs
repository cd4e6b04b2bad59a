using LoadLab.Core.RunFiles;

namespace LoadLab.Analysis.Fitting;

/// <summary>The fits that may be chosen, the one chosen, and the models refused with the reason.</summary>
public sealed record Selection(IReadOnlyList<ModelFit> Eligible, ModelFit? Chosen, IReadOnlyList<RefusedModel> Refused);

/// <summary>
/// Chooses the latency model by AICc. A model is eligible only when AICc exists for it: n − k − 1 &gt; 0 with k its
/// parameters plus the variance, so a model with as many parameters as the points allow is refused rather than
/// judged by plain AIC (which is exactly the small-sample case AICc corrects, and favours the larger model there).
/// </summary>
public static class ModelSelection
{
    public static readonly string[] Kinds = [LatencyModelFitter.Queueing, LatencyModelFitter.Segmented, LatencyModelFitter.Linear];

    /// <summary>Points a model needs before AICc can judge it.</summary>
    public static int PointsNeeded(string kind) => LatencyModelFitter.ParameterCount[kind] + 3;

    public static Selection Select(IReadOnlyList<FitPoint> pts, IEnumerable<string>? kinds = null, LatencyCurve? near = null)
    {
        int n = pts.Count;
        var eligible = new List<ModelFit>();
        var refused = new List<RefusedModel>();
        foreach (var kind in kinds ?? Kinds)
        {
            int k = LatencyModelFitter.ParameterCount[kind];
            if (n < PointsNeeded(kind))
            {
                refused.Add(new RefusedModel(kind, k, n, $"{k} parameters plus the variance need at least {PointsNeeded(kind)} usable steps for AICc; there are {n}"));
                continue;
            }
            var fit = LatencyModelFitter.Fit(kind, pts, near?.Kind == kind ? near : null);
            if (fit is null) refused.Add(new RefusedModel(kind, k, n, "the fit did not converge on these steps"));
            else eligible.Add(fit);
        }
        var chosen = eligible.OrderBy(f => f.Aicc(n)).ThenBy(f => f.Parameters).FirstOrDefault();
        return new Selection(eligible, chosen, refused);
    }
}
