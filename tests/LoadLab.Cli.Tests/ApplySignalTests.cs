using System.Diagnostics;
using System.Runtime.InteropServices;
using LoadLab.Aws.ScalingConfig;
using LoadLab.Core.AwsApi;
using LoadLab.Core.Errors;
using LoadLab.Core.Json;
using LoadLab.Core.Ports;
using LoadLab.Core.RunFiles;
using LoadLab.TestSupport;
using Xunit.Abstractions;

namespace LoadLab.Cli.Tests;

/// <summary>
/// SIGINT during a real `loadlab apply --yes` process against strict-auth moto behind a slow loopback proxy: the
/// signal arrives while a write is in flight (the proxy holds it), and the live state afterwards is compared with the
/// state before.
/// </summary>
public sealed class ApplySignalTests(MotoServer moto, ITestOutputHelper output) : IClassFixture<MotoServer>, IDisposable
{
    private const int SigInt = 2;
    private readonly TempDir _dir = new("loadlab-apply-signal");

    public void Dispose() => _dir.Dispose();

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);

    [Fact]
    public async Task Sigint_during_a_write_finishes_it_then_restores_the_state_from_before()
    {
        var (ep, store, before) = await PriorStateAsync();
        using var proxy = new SlowLoopbackProxy(moto.Url, TimeSpan.FromMilliseconds(300));
        using var child = Start(proxy, "apply", Recommendation(ep), "--yes");
        var puts = 0;
        proxy.OnClientChunk = chunk =>
        {
            if (chunk.Contains("AnyScaleFrontendService.PutScalingPolicy", StringComparison.Ordinal) && Interlocked.Increment(ref puts) == 1)
                kill(child.Process.Id, SigInt);
        };

        var (code, stdout, stderr) = await child.WaitAsync();

        Assert.Equal(ExitCodes.Interrupted, code);
        Assert.Contains("SIGINT: finishing the write in flight, then restoring the state before this apply", stderr);
        Assert.Contains("interrupted after 2 write(s); restoring the prior state", stdout);
        Assert.Contains("Interrupted and rolled back: the live configuration is as it was before this apply.", stdout);
        Assert.Equal(before, await FingerprintAsync(store, ep));
        var applied = LoadLabJson.Deserialize<Apply.Files.AppliedFile>(File.ReadAllText(_dir.File("applied.json")));
        Assert.Equal(["RegisterScalableTarget", "PutScalingPolicy"], applied.Steps.Select(s => s.Operation));
        Assert.All(applied.Steps, s => Assert.Null(s.Error));
    }

    [Fact]
    public async Task A_second_sigint_abandons_the_restore_names_what_is_live_and_the_command_that_finishes_it()
    {
        var (ep, store, before) = await PriorStateAsync();
        using var proxy = new SlowLoopbackProxy(moto.Url, TimeSpan.FromMilliseconds(300));
        using var child = Start(proxy, "apply", Recommendation(ep), "--yes");
        var registers = 0;
        var puts = 0;
        proxy.OnClientChunk = chunk =>
        {
            if (chunk.Contains("AnyScaleFrontendService.PutScalingPolicy", StringComparison.Ordinal) && Interlocked.Increment(ref puts) == 1)
                kill(child.Process.Id, SigInt);
            // The restore's first write puts the target back; the second signal comes while it is in flight.
            if (chunk.Contains("AnyScaleFrontendService.RegisterScalableTarget", StringComparison.Ordinal) && Interlocked.Increment(ref registers) == 2)
                kill(child.Process.Id, SigInt);
        };

        var (code, stdout, stderr) = await child.WaitAsync();

        Assert.Equal(ExitCodes.Interrupted, code);
        Assert.Contains("SIGINT: abandoning the restore after the write in flight", stderr);
        Assert.Contains("Restore abandoned (second signal) after 1 of its writes.", stdout);
        Assert.Contains("scaling policy loadlab-target-tracking: as this apply wrote it (TargetTrackingScalingPolicyConfiguration.TargetValue 700, saved 500)", stdout);
        var point = Directory.GetFiles(_dir.Path, "rollback-2*.json").Single();
        Assert.Contains($"To finish the rollback: loadlab apply --rollback {point} --yes", stdout);
        var live = await store.ReadAsync(ScalableTargetKey.Variant(ep, "AllTraffic"));
        Assert.Equal(3, live.Target!.MaxCapacity);
        Assert.Equal(700, live.Policies.Single().Request.TargetTrackingScalingPolicyConfiguration!.TargetValue);

        // The command it names finishes the rollback.
        using var finish = Start(proxy, "apply", "--rollback", point, "--yes");
        var (finishCode, _, _) = await finish.WaitAsync();
        Assert.Equal(ExitCodes.Ok, finishCode);
        Assert.Equal(before, await FingerprintAsync(store, ep));
    }

    private async Task<(string Endpoint, AwsScalingConfigStore Store, string Before)> PriorStateAsync()
    {
        var aws = moto.CreateAwsContext();
        var store = AwsScalingConfigStore.From(aws);
        var ep = await aws.CreateEndpointAsync();
        await store.RegisterScalableTargetAsync(new RegisterScalableTargetRequest { ResourceId = ScalingConstants.VariantResourceId(ep, "AllTraffic"), MinCapacity = 2, MaxCapacity = 3 });
        await store.PutScalingPolicyAsync(TargetTracking(ep, 500));
        return (ep, store, await FingerprintAsync(store, ep));
    }

    private static PutScalingPolicyRequest TargetTracking(string ep, double target) => new()
    {
        PolicyName = "loadlab-target-tracking",
        ResourceId = ScalingConstants.VariantResourceId(ep, "AllTraffic"),
        PolicyType = PolicyTypes.TargetTrackingScaling,
        TargetTrackingScalingPolicyConfiguration = new()
        {
            TargetValue = target,
            PredefinedMetricSpecification = new() { PredefinedMetricType = ScalingConstants.InvocationsPerInstanceMetric },
            ScaleInCooldown = 300,
            ScaleOutCooldown = 60,
        },
    };

    /// <summary>Three writes: the target (1..4), the policy (500 -> 700), a scheduled action.</summary>
    private string Recommendation(string ep)
    {
        var path = _dir.File("recommendation.json");
        LoadLabJson.WriteFile(path, new RecommendationFile
        {
            Endpoint = ep,
            Variant = "AllTraffic",
            RegisterScalableTarget = new RegisterScalableTargetRequest { ResourceId = ScalingConstants.VariantResourceId(ep, "AllTraffic"), MinCapacity = 1, MaxCapacity = 4 },
            PutScalingPolicy = [TargetTracking(ep, 700)],
            PutScheduledAction =
            [
                new PutScheduledActionRequest
                {
                    ScheduledActionName = "loadlab-weekday-morning", Schedule = "cron(0 8 ? * MON-FRI *)",
                    ResourceId = ScalingConstants.VariantResourceId(ep, "AllTraffic"), ScalableTargetAction = new() { MinCapacity = 2, MaxCapacity = 6 },
                },
            ],
            Basis = new() { TargetValue = 700 },
        });
        return path;
    }

    /// <summary>The live state without ARNs (moto gives a re-put policy a new ARN).</summary>
    private static async Task<string> FingerprintAsync(AwsScalingConfigStore store, string ep)
    {
        var s = await store.ReadAsync(ScalableTargetKey.Variant(ep, "AllTraffic"));
        return LoadLabJson.Serialize(new { s.Target, Policies = s.Policies.Select(p => p.Request), Actions = s.ScheduledActions.Select(a => a.Request) });
    }

    private LoadlabProcess Start(SlowLoopbackProxy proxy, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _dir.Path };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "loadlab.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal)).ToList()) start.Environment.Remove(name);
        start.Environment["AWS_ENDPOINT_URL"] = proxy.Url.ToString().TrimEnd('/');
        start.Environment["AWS_ACCESS_KEY_ID"] = moto.AccessKeyId;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = moto.SecretAccessKey;
        start.Environment["AWS_REGION"] = moto.Region;
        start.Environment["AWS_CONFIG_FILE"] = _dir.File("no-config");
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = _dir.File("no-credentials");
        return new LoadlabProcess(Process.Start(start)!, $"loadlab {string.Join(' ', args)}", output);
    }

    private sealed class LoadlabProcess(Process process, string command, ITestOutputHelper log) : IDisposable
    {
        private readonly Task<string> _stdout = process.StandardOutput.ReadToEndAsync();
        private readonly Task<string> _stderr = process.StandardError.ReadToEndAsync();

        public Process Process => process;

        public async Task<(int Code, string Out, string Err)> WaitAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            try { await process.WaitForExitAsync(timeout.Token); }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{command} did not finish in 2 minutes");
            }
            var (o, e) = (await _stdout, await _stderr);
            log.WriteLine($"$ {command} -> {process.ExitCode}\n{o}{e}");
            return (process.ExitCode, o, e);
        }

        public void Dispose()
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.Dispose();
        }
    }
}
