using System.CommandLine;
using LoadLab.Cli.Infrastructure;
using LoadLab.Core.Errors;
using LoadLab.Core.Json;
using LoadLab.Core.Scenarios;
using LoadLab.Sharding.Kubernetes;

namespace LoadLab.Cli.Commands;

public static class K8sJobCommand
{
    public static Command Create()
    {
        var scenario = new Argument<string>("scenario") { Description = "The scenario file to run as N shards." };
        var shards = new Option<int>("--shards") { Description = "Number of shards (pods).", Required = true };
        var image = new Option<string>("--image") { Description = "Container image with loadlab (see the Dockerfile).", Required = true };
        var ns = new Option<string>("--namespace") { Description = "Kubernetes namespace.", DefaultValueFactory = _ => "default" };
        var name = new Option<string?>("--name") { Description = "Base name of the Job objects (default: loadlab-<scenario>)." };
        var seed = new Option<long?>("--seed") { Description = "Seed shared by every shard (default: the scenario's, else drawn now and written into the manifest)." };
        var startAt = new Option<string?>("--start-at") { Description = "Shared start time, UTC ISO-8601 (default: now + --start-delay)." };
        var startDelay = new Option<string>("--start-delay") { Description = "When --start-at is not given: how long after now the shards start.", DefaultValueFactory = _ => "2m" };
        var claim = new Option<string>("--results-claim") { Description = "ReadWriteMany PersistentVolumeClaim for shard results.", DefaultValueFactory = _ => "loadlab-results" };
        var cpu = new Option<string>("--cpu") { Description = "CPU request and limit per shard.", DefaultValueFactory = _ => "2" };
        var memory = new Option<string>("--memory") { Description = "Memory request per shard.", DefaultValueFactory = _ => "1Gi" };
        var serviceAccount = new Option<string?>("--service-account") { Description = "Service account whose AWS role the shards sign with (IRSA / Pod Identity)." };
        var output = new Option<string?>("--out") { Description = "Where to write the manifest (default: k8s/<name>.yaml)." };
        var apply = new Option<bool>("--apply") { Description = "Submit to the cluster of the current kubeconfig and wait for the merge." };
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "Kubeconfig file (default: KUBECONFIG, then ~/.kube/config)." };
        var timeout = new Option<string>("--timeout") { Description = "With --apply: how long to wait.", DefaultValueFactory = _ => "6h" };

        var command = new Command("k8s-job", "Write (and with --apply submit) a Kubernetes Indexed Job that runs a scenario as N shards, plus the merge job.");
        command.Arguments.Add(scenario);
        foreach (var o in new Option[] { shards, image, ns, name, seed, startAt, startDelay, claim, cpu, memory, serviceAccount, output, apply, kubeconfig, timeout })
            command.Options.Add(o);

        command.SetAction(async (parse, ct) =>
        {
            var loaded = ScenarioLoader.Load(parse.GetValue(scenario)!);
            var settings = GlobalOptions.Read(parse);
            var extra = new List<string>();
            if (settings.Region is { } r) extra.AddRange(["--region", r]);
            if (settings.EndpointUrl is { } u) extra.AddRange(["--endpoint-url", u]);

            var options = new ShardJobOptions
            {
                Shards = parse.GetValue(shards),
                Image = parse.GetValue(image)!,
                Namespace = parse.GetValue(ns)!,
                Name = parse.GetValue(name),
                Seed = parse.GetValue(seed) ?? loaded.Seed ?? Random.Shared.NextInt64(1, long.MaxValue),
                StartAt = parse.GetValue(startAt) is { } s ? TimeArgument.Parse(s, "--start-at", "2026-11-27T12:00:00Z") : TimeProvider.System.GetUtcNow() + DurationArgument.Parse(parse.GetValue(startDelay)!, "--start-delay"),
                ResultsClaim = parse.GetValue(claim)!,
                CpuRequest = parse.GetValue(cpu)!,
                MemoryRequest = parse.GetValue(memory)!,
                ServiceAccount = parse.GetValue(serviceAccount),
                ExtraArgs = extra,
            };
            var manifests = ShardJobBuilder.Build(loaded, ScenarioBundle.From(loaded), options);
            var path = parse.GetValue(output) ?? Path.Combine("k8s", $"{manifests.ShardJob.Metadata.Name}.yaml");
            AtomicFile.WriteAllText(path, manifests.ToYaml());

            var stdout = parse.InvocationConfiguration.Output;
            stdout.WriteLine($"wrote {path}: {options.Shards} shards of '{loaded.Name}', seed {options.Seed}, start {options.StartAt.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}; results in {manifests.ResultsFolder}/merged");
            if (!parse.GetValue(apply))
            {
                stdout.WriteLine($"submit it with: kubectl apply -f {path}   (or run again with --apply)");
                return ExitCodes.Ok;
            }
            var client = ShardJobSubmitter.Connect(parse.GetValue(kubeconfig));
            var ok = await new ShardJobSubmitter(client, TimeProvider.System, stdout)
                .SubmitAndWaitAsync(manifests, DurationArgument.Parse(parse.GetValue(timeout)!, "--timeout"), ct);
            return ok ? ExitCodes.Ok : ExitCodes.TargetOrAwsFailed;
        });
        return command;
    }
}
