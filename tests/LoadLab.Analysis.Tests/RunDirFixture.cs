using LoadLab.Core.Json;
using LoadLab.Core.RunFiles;
using LoadLab.Analysis.RunFiles;

namespace LoadLab.Analysis.Tests;

/// <summary>A throw-away run directory on disk, filled with synthetic run files.</summary>
internal sealed class RunDirFixture : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "loadlab-analysis-" + Guid.NewGuid().ToString("N"));
    public RunDirectory Dir => new(Path);

    public RunDirFixture() => Directory.CreateDirectory(Path);

    public RunDirFixture WithRun(RunInfo run) { LoadLabJson.WriteFile(Dir.RunJson, run); return this; }
    public RunDirFixture WithSteps(IReadOnlyList<StepRow> steps) { File.WriteAllText(Dir.StepsCsv, StepsCsv.Format(steps)); return this; }
    public RunDirFixture WithMetrics(MetricsFile m) { LoadLabJson.WriteFile(Dir.MetricsJson, m); return this; }
    public RunDirFixture WithFile(string name, string text) { File.WriteAllText(System.IO.Path.Combine(Path, name), text); return this; }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
