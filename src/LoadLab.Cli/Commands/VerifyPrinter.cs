using System.Globalization;
using LoadLab.Core.Errors;
using LoadLab.Verify;

namespace LoadLab.Cli.Commands;

/// <summary>The words of `loadlab verify`: how scaling is watched, then the verdict, the scaling and the prediction.</summary>
public sealed class VerifyPrinter(TextWriter output) : IProgress<ScalingWatched>
{
    public void Report(ScalingWatched value) => output.WriteLine($"verify: watching scaling through {value.Observer}");

    public void Finished(VerifyOutcome outcome) => output.WriteLine(Summary(outcome));

    /// <summary>0 when the SLO held, 1 when it did not.</summary>
    public static int ExitCode(VerifyOutcome outcome) => outcome.File.Verdict.SloHeld ? ExitCodes.Ok : ExitCodes.ThresholdFailed;

    /// <summary>The console lines: verdict, scaling, prediction.</summary>
    public static string Summary(VerifyOutcome outcome)
    {
        var f = outcome.File;
        var v = f.Verdict;
        var ci = CultureInfo.InvariantCulture;
        var w = new StringWriter(ci);
        var clockNote = f.TimeScale != 1 ? string.Create(ci, $" (endpoint clock, {f.TimeScale:0.##}x real time)") : "";
        w.WriteLine($"verify: SLO {(v.SloHeld ? "HELD" : "NOT HELD")}: {string.Join("; ", v.Reasons)}");
        w.WriteLine(string.Create(ci, $"  minutes over the SLO: {v.ViolationMinutes}{clockNote}; load step x{v.LoadStepFactor?.ToString("0.##", ci) ?? "-"} at {v.LoadStepUtc:HH:mm:ss}"));
        w.WriteLine(string.Create(ci, $"  first scale-out after {Secs(v.TimeToFirstScaleOutS)}, recovery after {Secs(v.TimeToRecoveryS)}; instances {v.InitialInstances?.ToString(ci) ?? "-"} -> max {v.MaxDesiredInstances?.ToString(ci) ?? "-"} desired / {v.MaxInServiceInstances?.ToString(ci) ?? "-"} in service; {v.ScaleOuts} scale-out(s), {v.ScaleIns} scale-in(s)"));
        if (f.Prediction is { } p)
            w.WriteLine(string.Create(ci, $"  simulate predicted: first scale-out after {Secs(p.TimeToFirstScaleOutS)} (error {Secs(p.FirstScaleOutErrorS)}), {p.ViolationMinutes} minute(s) over the SLO (error {p.ViolationMinutesError:+0;-0;0}), peak {p.PeakInstances} instances (error {p.PeakInstancesError?.ToString("+0;-0;0", ci) ?? "-"})"));
        foreach (var warning in f.Warnings) w.WriteLine($"  {warning.Severity.ToString().ToLowerInvariant()}: {warning.Text} [{warning.Code}]");
        w.WriteLine($"  {outcome.Path}");
        return w.ToString().TrimEnd();
    }

    private static string Secs(double? s) => s is { } x ? string.Create(CultureInfo.InvariantCulture, $"{x:0.#} s") : "-";
}
