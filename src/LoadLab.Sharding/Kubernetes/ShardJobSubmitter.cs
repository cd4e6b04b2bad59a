using k8s;
using k8s.Autorest;
using k8s.Models;
using LoadLab.Core.Errors;

namespace LoadLab.Sharding.Kubernetes;

/// <summary>
/// Submits a sharded run to a cluster (the only part of sharding that talks to Kubernetes) and waits for it:
/// ConfigMap, Indexed Job, merge Job; then polls the Jobs' status until both finish or the timeout passes.
/// </summary>
public sealed class ShardJobSubmitter(IKubernetes client, TimeProvider time, TextWriter log)
{
    /// <summary>Connects with the kubeconfig (KUBECONFIG or ~/.kube/config) or the in-cluster service account.</summary>
    public static IKubernetes Connect(string? kubeconfigPath)
    {
        if (kubeconfigPath is null && KubernetesClientConfiguration.IsInCluster())
            return new k8s.Kubernetes(KubernetesClientConfiguration.InClusterConfig());
        var path = kubeconfigPath ?? Environment.GetEnvironmentVariable("KUBECONFIG")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");
        if (!File.Exists(path))
            throw new UserInputException("k8s-job", "--apply", $"no kubeconfig at {path} and not running in a cluster; without --apply the manifest is only written");
        return new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(path));
    }

    public async Task<bool> SubmitAndWaitAsync(ShardJobManifests m, TimeSpan timeout, CancellationToken ct)
    {
        var ns = m.ShardJob.Metadata.NamespaceProperty;
        try
        {
            await client.CoreV1.CreateNamespacedConfigMapAsync(m.ConfigMap, ns, cancellationToken: ct);
            await client.BatchV1.CreateNamespacedJobAsync(m.ShardJob, ns, cancellationToken: ct);
            await client.BatchV1.CreateNamespacedJobAsync(m.MergeJob, ns, cancellationToken: ct);
        }
        catch (HttpOperationException e)
        {
            throw new TargetFailedException($"Kubernetes refused the manifest: {e.Response.StatusCode} {e.Response.Content}", e);
        }
        catch (HttpRequestException e)
        {
            // The cluster is the target of --apply: not reaching it is exit 3, not a LoadLab bug.
            throw new TargetFailedException($"the Kubernetes API server could not be reached: {e.Message}", e);
        }
        log.WriteLine($"submitted {m.ShardJob.Metadata.Name} ({m.ShardJob.Spec.Completions} shards) and {m.MergeJob.Metadata.Name} in namespace {ns}");

        var deadline = time.GetUtcNow() + timeout;
        while (time.GetUtcNow() < deadline)
        {
            var shards = await client.BatchV1.ReadNamespacedJobStatusAsync(m.ShardJob.Metadata.Name, ns, cancellationToken: ct);
            var merge = await client.BatchV1.ReadNamespacedJobStatusAsync(m.MergeJob.Metadata.Name, ns, cancellationToken: ct);
            log.WriteLine($"shards: {shards.Status?.Succeeded ?? 0} succeeded, {shards.Status?.Failed ?? 0} failed, {shards.Status?.Active ?? 0} active; merge: {Describe(merge)}");
            if (IsFinished(merge, out var ok)) return ok;
            await Task.Delay(TimeSpan.FromSeconds(10), time, ct);
        }
        log.WriteLine("timed out waiting for the jobs; they keep running in the cluster");
        return false;
    }

    private static bool IsFinished(V1Job job, out bool succeeded)
    {
        succeeded = job.Status?.Succeeded is > 0;
        return succeeded || job.Status?.Conditions?.Any(c => c.Type == "Failed" && c.Status == "True") == true;
    }

    private static string Describe(V1Job job) =>
        job.Status?.Succeeded is > 0 ? "succeeded" : job.Status?.Failed is > 0 ? "failed" : job.Status?.Active is > 0 ? "running" : "pending";
}
