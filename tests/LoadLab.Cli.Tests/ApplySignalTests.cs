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
/// SIGINT or SIGTERM during a real `loadlab apply --yes` process against strict-auth moto behind a slow loopback proxy: the
/// signal arrives while a write is in flight (the proxy holds it), and the live state afterwards is compared with the
/// state before.
/// </summary>
public sealed class ApplySignalTests(MotoServer moto, ITestOutputHelper output) : IClassFixture<MotoServer>, IDisposable
{
    private const int SigInt = 2, SigTerm = 15;
    private readonly TempDir _dir = new("loadlab-apply-signal");

    public void Dispose() => _dir.Dispose();

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);

    [Theory]
    [InlineData(SigInt, "SIGINT")]
    [InlineData(SigTerm, "SIGTERM")]
    public async Task A_signal_during_a_write_finishes_it_then_restores_the_state_from_before(int signal, string name)
    {
        var (ep, store, before) = await ApplyStack.PriorStateAsync(moto);
        using var proxy = new SlowLoopbackProxy(moto.Url, TimeSpan.FromMilliseconds(300));
        using var child = Start(proxy, "apply", ApplyStack.WriteRecommendation(_dir.File("recommendation.json"), ep), "--yes");
        SignalDuring(proxy, child, signal, ("PutScalingPolicy", 1));

        var (code, stdout, stderr) = await child.WaitAsync();

        Assert.Equal(ExitCodes.Interrupted, code);
        Assert.Contains($"{name}: finishing the write in flight, then restoring the state before this apply", stderr);
        Assert.Contains("interrupted after 2 write(s); restoring the prior state", stdout);
        Assert.Contains("Interrupted and rolled back: the live configuration is as it was before this apply.", stdout);
        Assert.Equal(before, await ApplyStack.FingerprintAsync(store, ep));
        var applied = LoadLabJson.Deserialize<Apply.Files.AppliedFile>(File.ReadAllText(_dir.File("applied.json")));
        Assert.Equal(["RegisterScalableTarget", "PutScalingPolicy"], applied.Steps.Select(s => s.Operation));
        Assert.All(applied.Steps, s => Assert.Null(s.Error));
    }

    [Fact]
    public async Task A_second_sigint_abandons_the_restore_names_what_is_live_and_the_command_that_finishes_it()
    {
        var (ep, store, before) = await ApplyStack.PriorStateAsync(moto);
        using var proxy = new SlowLoopbackProxy(moto.Url, TimeSpan.FromMilliseconds(300));
        using var child = Start(proxy, "apply", ApplyStack.WriteRecommendation(_dir.File("recommendation.json"), ep), "--yes");
        // The restore's first write puts the target back; the second signal comes while it is in flight.
        SignalDuring(proxy, child, SigInt, ("PutScalingPolicy", 1), ("RegisterScalableTarget", 2));

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
        Assert.Equal(before, await ApplyStack.FingerprintAsync(store, ep));
    }

    /// <summary>Sends <paramref name="signal"/> while the n-th request of each named Application Auto Scaling operation is held in the proxy.</summary>
    private static void SignalDuring(SlowLoopbackProxy proxy, LoadlabChild child, int signal, params (string Operation, int Nth)[] when)
    {
        if (signal == SigInt) LoadlabChild.RequireSigintDelivered();
        var seen = new int[when.Length];
        proxy.OnClientChunk = chunk =>
        {
            for (var i = 0; i < when.Length; i++)
                if (chunk.Contains("AnyScaleFrontendService." + when[i].Operation, StringComparison.Ordinal) && Interlocked.Increment(ref seen[i]) == when[i].Nth)
                    kill(child.Process.Id, signal);
        };
    }

    private LoadlabChild Start(SlowLoopbackProxy proxy, params string[] args) => LoadlabChild.Start(moto, proxy.Url, _dir.Path, output, args);
}
