using LoadLab.Core.RunFiles;

namespace LoadLab.Reporting.Model;

/// <summary>
/// verdict.json's <c>closed_loop</c>: the closed-loop check (verify.json) in the figures a pipeline checks. Times are
/// seconds of the endpoint's clock (see <see cref="TimeScale"/>); prediction errors are observed − predicted.
/// </summary>
public sealed record ClosedLoopSummary
{
    /// <summary>Where it was read from, relative to the run directory: "verify.json" or "verify/verify.json".</summary>
    public required string Source { get; init; }
    public required bool SloHeld { get; init; }
    public required int ViolationMinutes { get; init; }
    /// <summary>Minutes over the SLO that still count as held (verify's --allowed-violation-minutes).</summary>
    public required int Allowed { get; init; }
    public bool Recovered { get; init; }
    public double? LoadStepFactor { get; init; }
    public double? TimeToFirstScaleOutS { get; init; }
    public double? TimeToRecoveryS { get; init; }
    public int? InitialInstances { get; init; }
    public int? PeakDesiredInstances { get; init; }
    public int? PeakInServiceInstances { get; init; }
    public int ScaleOuts { get; init; }
    public int ScaleIns { get; init; }
    public double TimeScale { get; init; } = 1;
    public IReadOnlyList<string> Reasons { get; init; } = [];
    /// <summary>What `simulate` predicted for the same traffic and policy; null when verify ran without --policy.</summary>
    public ClosedLoopPrediction? Prediction { get; init; }

    public static ClosedLoopSummary From(VerifyFile f, string source)
    {
        var v = f.Verdict;
        var p = f.Prediction;
        return new ClosedLoopSummary
        {
            Source = source,
            SloHeld = v.SloHeld,
            ViolationMinutes = v.ViolationMinutes,
            Allowed = f.Slo.AllowedViolationMinutes,
            Recovered = v.Recovered,
            LoadStepFactor = v.LoadStepFactor,
            TimeToFirstScaleOutS = v.TimeToFirstScaleOutS,
            TimeToRecoveryS = v.TimeToRecoveryS,
            InitialInstances = v.InitialInstances,
            PeakDesiredInstances = v.MaxDesiredInstances,
            PeakInServiceInstances = v.MaxInServiceInstances,
            ScaleOuts = v.ScaleOuts,
            ScaleIns = v.ScaleIns,
            TimeScale = f.TimeScale,
            Reasons = v.Reasons,
            Prediction = p is null ? null : new ClosedLoopPrediction
            {
                TimeToFirstScaleOutS = p.TimeToFirstScaleOutS,
                FirstScaleOutErrorS = p.FirstScaleOutErrorS,
                ViolationMinutes = p.ViolationMinutes,
                ViolationMinutesError = p.ViolationMinutesError,
                PeakInstances = p.PeakInstances,
                PeakInstancesError = p.PeakInstancesError,
            },
        };
    }
}

/// <summary>`simulate`'s prediction for the closed-loop check and its errors (observed − predicted).</summary>
public sealed record ClosedLoopPrediction
{
    public double? TimeToFirstScaleOutS { get; init; }
    public double? FirstScaleOutErrorS { get; init; }
    public int ViolationMinutes { get; init; }
    public int ViolationMinutesError { get; init; }
    public int PeakInstances { get; init; }
    public int? PeakInstancesError { get; init; }
}
