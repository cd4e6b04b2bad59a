using LoadLab.Core.Errors;
using LoadLab.Core.RunFiles;
using LoadLab.Reporting;
using LoadLab.Reporting.Model;

namespace LoadLab.Cli.Pipeline;

/// <summary>
/// One stage as the CLI runs it, for the stage command and the pipeline alike: refuse a provisional run, call the
/// typed stage service, print its result, and turn it into an exit code.
/// </summary>
public sealed class StageRunner(RunStageServices services, TextWriter output, TextWriter error)
{
    public async Task<int> CollectAsync(string runDir, CollectStageOptions options, CancellationToken ct)
    {
        var dir = Readable(runDir);
        var metrics = await services.CollectAsync(runDir, options, ct).ConfigureAwait(false);
        StagePrinter.Collected(output, metrics, dir);
        return ExitCodes.Ok;
    }

    public int Analyze(string runDir, AnalyzeStageOptions options)
    {
        Readable(runDir);
        StagePrinter.Analyzed(output, services.Analyze(runDir, options));
        return ExitCodes.Ok;
    }

    public async Task<int> SimulateAsync(string runDir, SimulateStageOptions options, CancellationToken ct)
    {
        Readable(runDir);
        StagePrinter.Simulated(output, await services.SimulateAsync(runDir, options, ct).ConfigureAwait(false));
        return ExitCodes.Ok;
    }

    /// <summary>The report is written whatever the files hold; the exit code says whether they could be trusted.</summary>
    public int Report(string runDir, ReportStageOptions options)
    {
        var dir = Readable(runDir);
        // An empty or wrong directory gets no report saying "unknown": there is no run in it to report on.
        if (Directory.Exists(runDir) && !File.Exists(dir.RunJson))
            throw new UserInputException(dir.RunJson, "", "the file is missing, so this is not a run directory and there is no run to report on (nothing was written)");
        var result = services.Report(runDir, options);
        StagePrinter.Reported(output, result);
        var code = ReportExitCode(result.Model);
        if (code == ExitCodes.BadInput)
            foreach (var problem in CorruptOrMissingRun(result.Model)) error.WriteLine($"error: {problem}");
        if (code == ExitCodes.TargetOrAwsFailed)
            error.WriteLine($"error: the run itself failed: {result.Model.Run.Value!.InterruptReason}");
        return code;
    }

    /// <summary>--summary-export without the report stage (run --stages load): the summary of what the run measured.</summary>
    public int SummaryOnly(string runDir, string summaryExportPath)
    {
        Readable(runDir);
        var result = services.SummaryOnly(runDir, summaryExportPath);
        foreach (var file in result.WrittenFiles) output.WriteLine($"wrote {file}");
        return ExitCodes.Ok;
    }

    /// <summary>
    /// 2 when run.json is missing or unreadable or another run file is corrupt (the verdict cannot be trusted), 3 when
    /// the run's target failed, 1 when a threshold or the closed-loop check failed, else 0.
    /// </summary>
    public static int ReportExitCode(ReportModel m)
    {
        if (m.Run.Value is null) return ExitCodes.BadInput;
        // A run whose target failed has few files, and that is why: the failure is the answer.
        if (m.Run.Value.StoppedBy == RunStopCause.TargetFailed) return ExitCodes.TargetOrAwsFailed;
        if (CorruptOrMissingRun(m).Count > 0) return ExitCodes.BadInput;
        return m.Verdict.Status == "fail" ? ExitCodes.ThresholdFailed : ExitCodes.Ok;
    }

    private static List<string> CorruptOrMissingRun(ReportModel m)
    {
        var problems = new List<string>();
        if (m.Run.Value is null) problems.Add($"{m.Run.Problem} Without run.json there is no run to judge.");
        void Corrupt<T>(FileSection<T> f) where T : class
        {
            if (f is { Ok: false, Missing: false, Problem: { } p }) problems.Add(p);
        }
        // latency.hlog is left out: the report counts one without a successful request (every request failed) as
        // unreadable, and such a run is judged by its thresholds, not refused.
        Corrupt(m.Timeline); Corrupt(m.Steps); Corrupt(m.Metrics);
        Corrupt(m.Analysis); Corrupt(m.Recommendation); Corrupt(m.Simulation); Corrupt(m.Verify);
        return problems;
    }

    private static RunDirectory Readable(string runDir)
    {
        var dir = new RunDirectory(runDir);
        RunCompletion.RefuseProvisional(dir);
        return dir;
    }
}
