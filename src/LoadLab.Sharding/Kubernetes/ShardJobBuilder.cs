using System.Globalization;
using k8s.Models;
using LoadLab.Core.Scenarios;

namespace LoadLab.Sharding.Kubernetes;

/// <summary>
/// Builds the Kubernetes objects of a sharded run (pure): a ConfigMap with the scenario and its files, an Indexed
/// Job whose pod i runs shard i of N (Kubernetes sets JOB_COMPLETION_INDEX), and a merge Job that waits for
/// every shard, merges them exactly and runs the rest of the pipeline on the merged run directory.
/// </summary>
public static class ShardJobBuilder
{
    public const string ScenarioMount = "/scenario";
    public const string ResultsMount = "/results";

    public static ShardJobManifests Build(Scenario scenario, ScenarioBundle bundle, ShardJobOptions options)
    {
        options.Validate();
        var name = options.Name ?? $"loadlab-{KubernetesNames.FromScenario(scenario.Name)}";
        var runFolder = $"{ResultsMount}/{name}-{options.StartAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture).ToLowerInvariant()}";
        var labels = new Dictionary<string, string>
        {
            ["app.kubernetes.io/name"] = "loadlab",
            ["app.kubernetes.io/instance"] = name,
        };

        var configMap = BuildConfigMap(name, options.Namespace, labels, bundle);
        var shardJob = BuildShardJob(name, options, labels, bundle, runFolder);
        var mergeJob = BuildMergeJob(name, options, labels, runFolder);
        return new ShardJobManifests(configMap, shardJob, mergeJob, runFolder);
    }

    private static V1ConfigMap BuildConfigMap(string name, string ns, Dictionary<string, string> labels, ScenarioBundle bundle) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = new V1ObjectMeta { Name = $"{name}-scenario", NamespaceProperty = ns, Labels = labels },
        Data = bundle.Files.Select((f, i) => (Key: ConfigMapKey(i, f.Key), f.Value)).ToDictionary(x => x.Key, x => x.Value),
    };

    /// <summary>ConfigMap keys allow no '/', so each file gets a flat key and an item path that restores its folder.</summary>
    private static string ConfigMapKey(int index, string relativePath) =>
        $"f{index:D3}-{new string(Path.GetFileName(relativePath).Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_').ToArray())}";

    private static V1Job BuildShardJob(string name, ShardJobOptions o, Dictionary<string, string> labels, ScenarioBundle bundle, string runFolder)
    {
        var startAt = o.StartAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        // JOB_COMPLETION_INDEX is 0-based, and so is loadlab's --shard i/N.
        var script = string.Join(' ',
            "exec loadlab run", Quote($"{ScenarioMount}/{bundle.ScenarioRelativePath}"),
            $"--shard \"$JOB_COMPLETION_INDEX/{o.Shards}\"",
            $"--seed {o.Seed.ToString(CultureInfo.InvariantCulture)}",
            $"--start-at {startAt}",
            $"--out \"{runFolder}/shard-$JOB_COMPLETION_INDEX\"",
            string.Join(' ', o.ExtraArgs.Select(Quote)));

        var items = bundle.Files.Keys.Select((path, i) => new V1KeyToPath { Key = ConfigMapKey(i, path), Path = path }).ToList();
        return new V1Job
        {
            ApiVersion = "batch/v1",
            Kind = "Job",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = o.Namespace, Labels = labels },
            Spec = new V1JobSpec
            {
                CompletionMode = "Indexed",
                Completions = o.Shards,
                Parallelism = o.Shards,
                // A failed shard is reported by the merge, not silently re-run at another time (it would skew the schedule).
                BackoffLimit = 0,
                TtlSecondsAfterFinished = 86_400,
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    Spec = new V1PodSpec
                    {
                        RestartPolicy = "Never",
                        ServiceAccountName = o.ServiceAccount,
                        Containers =
                        [
                            new V1Container
                            {
                                Name = "shard",
                                Image = o.Image,
                                Command = ["sh", "-c", script.TrimEnd()],
                                Resources = Resources(o),
                                VolumeMounts =
                                [
                                    new V1VolumeMount { Name = "scenario", MountPath = ScenarioMount, ReadOnlyProperty = true },
                                    new V1VolumeMount { Name = "results", MountPath = ResultsMount },
                                ],
                            },
                        ],
                        Volumes =
                        [
                            new V1Volume { Name = "scenario", ConfigMap = new V1ConfigMapVolumeSource { Name = $"{name}-scenario", Items = items } },
                            new V1Volume { Name = "results", PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = o.ResultsClaim } },
                        ],
                    },
                },
            },
        };
    }

    private static V1Job BuildMergeJob(string name, ShardJobOptions o, Dictionary<string, string> labels, string runFolder)
    {
        var shardDirs = string.Join(' ', Enumerable.Range(0, o.Shards).Select(i => $"{runFolder}/shard-{i}"));
        var script = $"exec loadlab merge {shardDirs} --out {runFolder}/merged --wait 6h --pipeline {string.Join(' ', o.ExtraArgs.Select(Quote))}".TrimEnd();
        return new V1Job
        {
            ApiVersion = "batch/v1",
            Kind = "Job",
            Metadata = new V1ObjectMeta { Name = $"{name}-merge", NamespaceProperty = o.Namespace, Labels = labels },
            Spec = new V1JobSpec
            {
                Completions = 1,
                Parallelism = 1,
                BackoffLimit = 1,
                TtlSecondsAfterFinished = 86_400,
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    Spec = new V1PodSpec
                    {
                        RestartPolicy = "Never",
                        ServiceAccountName = o.ServiceAccount,
                        Containers =
                        [
                            new V1Container
                            {
                                Name = "merge",
                                Image = o.Image,
                                Command = ["sh", "-c", script],
                                Resources = new V1ResourceRequirements
                                {
                                    Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("500m"), ["memory"] = new("512Mi") },
                                },
                                VolumeMounts = [new V1VolumeMount { Name = "results", MountPath = ResultsMount }],
                            },
                        ],
                        Volumes =
                        [
                            new V1Volume { Name = "results", PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = o.ResultsClaim } },
                        ],
                    },
                },
            },
        };
    }

    private static V1ResourceRequirements Resources(ShardJobOptions o) => new()
    {
        Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(o.CpuRequest), ["memory"] = new(o.MemoryRequest) },
        // Same CPU limit as request: a throttled generator measures its own throttling, not the endpoint.
        Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(o.CpuRequest) },
    };

    /// <summary>Single-quotes a word for sh.</summary>
    internal static string Quote(string s) =>
        s.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '-' or '_' or ':' or '=') ? s : "'" + s.Replace("'", "'\\''") + "'";
}

/// <summary>The objects of a sharded run, in the order they are created.</summary>
public sealed record ShardJobManifests(V1ConfigMap ConfigMap, V1Job ShardJob, V1Job MergeJob, string ResultsFolder)
{
    /// <summary>One multi-document YAML file; `kubectl apply -f` it as it is (the merge job waits for the shards).</summary>
    public string ToYaml() =>
        string.Join("---\n", new object[] { ConfigMap, ShardJob, MergeJob }.Select(o => k8s.KubernetesYaml.Serialize(o).TrimEnd() + "\n"));
}
