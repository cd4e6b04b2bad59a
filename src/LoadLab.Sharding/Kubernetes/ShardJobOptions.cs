using LoadLab.Core.Errors;

namespace LoadLab.Sharding.Kubernetes;

/// <summary>
/// What a sharded Kubernetes run needs. Defaults are documented per property; <see cref="Validate"/> lists every
/// problem at once.
/// </summary>
public sealed record ShardJobOptions
{
    /// <summary>Number of shards (pods), 1..1000.</summary>
    public required int Shards { get; init; }
    /// <summary>Container image with the loadlab tool on PATH (see the Dockerfile at the repository root).</summary>
    public required string Image { get; init; }
    /// <summary>Namespace; default "default".</summary>
    public string Namespace { get; init; } = "default";
    /// <summary>Base name of the Job, ConfigMap and merge Job; default "loadlab-&lt;scenario&gt;".</summary>
    public string? Name { get; init; }
    /// <summary>The seed every shard uses, so the union of the shards is exactly the single-machine schedule.</summary>
    public required long Seed { get; init; }
    /// <summary>The shared start time that aligns the shards.</summary>
    public required DateTimeOffset StartAt { get; init; }
    /// <summary>PersistentVolumeClaim (ReadWriteMany) where shards write and the merge job reads; default "loadlab-results".</summary>
    public string ResultsClaim { get; init; } = "loadlab-results";
    /// <summary>CPU request and limit per shard; default "2" (the generator is CPU-bound).</summary>
    public string CpuRequest { get; init; } = "2";
    /// <summary>Memory request per shard; default "1Gi" (recorders keep memory flat).</summary>
    public string MemoryRequest { get; init; } = "1Gi";
    /// <summary>Service account with the AWS role (IRSA / Pod Identity) the shards sign with; optional.</summary>
    public string? ServiceAccount { get; init; }
    /// <summary>Extra global options passed to every loadlab command (e.g. --region).</summary>
    public IReadOnlyList<string> ExtraArgs { get; init; } = [];

    public void Validate()
    {
        var problems = new List<Problem>();
        void Bad(string field, string message) => problems.Add(Problem.General("k8s-job", field, message));
        if (Shards is < 1 or > 1000) Bad("--shards", $"must be between 1 and 1000 (got {Shards})");
        if (string.IsNullOrWhiteSpace(Image)) Bad("--image", "is required (a container image with loadlab, see the Dockerfile)");
        if (!KubernetesNames.IsDnsLabel(Namespace)) Bad("--namespace", $"'{Namespace}' is not a valid Kubernetes namespace (RFC 1123 label)");
        if (Name is not null && !KubernetesNames.IsDnsLabel(Name)) Bad("--name", $"'{Name}' is not a valid Kubernetes name (lower-case letters, digits and '-', at most 63)");
        if (!KubernetesNames.IsDnsSubdomain(ResultsClaim)) Bad("--results-claim", $"'{ResultsClaim}' is not a valid claim name");
        if (problems.Count > 0) throw new UserInputException(problems);
    }
}
