using LoadLab.Core.Errors;
using LoadLab.Core.Scenarios;

namespace LoadLab.Sharding.Kubernetes;

/// <summary>
/// The scenario file and every file it reads (payloads, replay traces), with paths relative to the scenario's
/// folder, so the same layout can be mounted into a pod from a ConfigMap.
/// </summary>
public sealed record ScenarioBundle(string ScenarioRelativePath, IReadOnlyDictionary<string, string> Files)
{
    /// <summary>ConfigMaps hold at most 1 MiB; a larger bundle belongs in the image or a volume.</summary>
    public const int MaxBytes = 1_000_000;

    public static ScenarioBundle From(Scenario scenario)
    {
        var source = scenario.SourcePath ?? throw new UserInputException("k8s-job", "scenario", "the scenario has no source file");
        var root = Path.GetDirectoryName(Path.GetFullPath(source))!;
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<Problem>();

        void Add(string path, string field)
        {
            var full = Path.GetFullPath(path, root);
            var relative = Path.GetRelativePath(root, full).Replace('\\', '/');
            if (relative.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(relative))
            {
                problems.Add(Problem.General(source, field, $"'{path}' is outside the scenario's folder; copy it next to the scenario so it can be shipped to the pods"));
                return;
            }
            files[relative] = File.ReadAllText(full);
        }

        Add(source, "scenario");
        if (scenario.Payload is { } p)
        {
            if (p.File is not null) Add(p.File, "payload.file");
            if (p.Jsonl is not null) Add(p.Jsonl, "payload.jsonl");
            if (p.Folder is not null)
                foreach (var f in Directory.EnumerateFiles(Path.GetFullPath(p.Folder, root)).Order(StringComparer.Ordinal))
                    Add(f, "payload.folder");
        }
        for (var i = 0; i < scenario.Load.Phases.Count; i++)
            if (scenario.Load.Phases[i].File is { } trace) Add(trace, $"load.phases[{i}].file");

        var bytes = files.Values.Sum(v => (long)System.Text.Encoding.UTF8.GetByteCount(v));
        if (bytes > MaxBytes)
            problems.Add(Problem.General(source, "scenario", $"the scenario and its files take {bytes} bytes, more than a ConfigMap holds (1 MiB); bake them into the image instead"));
        if (problems.Count > 0) throw new UserInputException(problems);

        return new ScenarioBundle(Path.GetRelativePath(root, Path.GetFullPath(source)).Replace('\\', '/'), files);
    }
}
