using LoadLab.Core.Errors;
using LoadLab.TestSupport;
using Xunit.Abstractions;

namespace LoadLab.Cli.Tests;

/// <summary>
/// `loadlab apply`'s exit codes produced by real processes against strict-auth moto, each with the message the user
/// reads: 0 planned and applied, 2 bad input, 3 AWS failed (unreachable, and cut off midway). Exit 4 (a signal during
/// the writes) is <see cref="ApplySignalTests"/>.
/// </summary>
public sealed class ApplyExitCodeTests(MotoServer moto, ITestOutputHelper output) : IClassFixture<MotoServer>, IDisposable
{
    private readonly TempDir _dir = new("loadlab-apply-codes");

    public void Dispose() => _dir.Dispose();

    private async Task<(int Code, string Out, string Err)> Loadlab(Uri endpoint, params string[] args)
    {
        using var child = LoadlabChild.Start(moto, endpoint, _dir.Path, output, args);
        return await child.WaitAsync();
    }

    [Fact]
    public async Task A_plan_and_an_apply_exit_0_the_apply_naming_the_command_that_undoes_it()
    {
        var (ep, store, before) = await ApplyStack.PriorStateAsync(moto);
        var rec = ApplyStack.WriteRecommendation(_dir.File("recommendation.json"), ep);

        var plan = await Loadlab(moto.Url, "apply", rec);
        Assert.Equal(ExitCodes.Ok, plan.Code);
        Assert.Contains("Plan: 1 to add, 2 to change, 0 to remove.", plan.Out);
        Assert.EndsWith("\nno changes made; run again with --yes to apply\n", plan.Out);
        Assert.Equal(before, await ApplyStack.FingerprintAsync(store, ep));

        var applied = await Loadlab(moto.Url, "apply", rec, "--yes");
        Assert.Equal(ExitCodes.Ok, applied.Code);
        Assert.Contains($"Applied: 1 added, 2 changed, 0 removed. Wrote {_dir.File("applied.json")}\n", applied.Out);
        Assert.EndsWith($"\nTo undo: loadlab apply --rollback {_dir.File("rollback.json")} --yes\n", applied.Out);
        Assert.Equal("", applied.Err);

        var undo = await Loadlab(moto.Url, "apply", "--rollback", _dir.File("rollback.json"), "--yes");
        Assert.Equal(ExitCodes.Ok, undo.Code);
        Assert.Contains("Restored the state saved at ", undo.Out);
        Assert.Equal(before, await ApplyStack.FingerprintAsync(store, ep));
    }

    [Fact]
    public async Task A_recommendation_aws_would_refuse_exits_2_naming_the_file_and_field_and_changes_nothing()
    {
        var (ep, store, before) = await ApplyStack.PriorStateAsync(moto);
        var rec = ApplyStack.WriteRecommendation(_dir.File("recommendation.json"), ep, maxCapacity: 0);
        var bytes = File.ReadAllBytes(rec);

        var (code, stdout, stderr) = await Loadlab(moto.Url, "apply", rec, "--yes");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains($"error: {rec}:", stderr);
        Assert.Contains("RegisterScalableTarget.MaxCapacity: must be at least 1, got 0", stderr);
        Assert.DoesNotContain("   at ", stderr);
        Assert.Equal("", stdout);
        Assert.Equal(before, await ApplyStack.FingerprintAsync(store, ep));
        Assert.Equal(bytes, File.ReadAllBytes(rec));
        Assert.Equal(["recommendation.json"], Directory.GetFiles(_dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Aws_out_of_reach_exits_3_before_anything_is_written()
    {
        var (ep, _, _) = await ApplyStack.PriorStateAsync(moto);
        var rec = ApplyStack.WriteRecommendation(_dir.File("recommendation.json"), ep);

        var (code, stdout, stderr) = await Loadlab(new Uri($"http://127.0.0.1:{FreePort.Next()}/"), "apply", rec, "--yes");

        Assert.Equal(ExitCodes.TargetOrAwsFailed, code);
        Assert.StartsWith("error: ", stderr);
        Assert.DoesNotContain("   at ", stderr);
        Assert.DoesNotContain("Saved the prior state", stdout);
        Assert.Equal(["recommendation.json"], Directory.GetFiles(_dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Aws_lost_midway_exits_3_the_restore_failing_too_names_the_command_that_finishes_it()
    {
        var (ep, store, before) = await ApplyStack.PriorStateAsync(moto);
        var rec = ApplyStack.WriteRecommendation(_dir.File("recommendation.json"), ep);
        // The network goes away as the third write (the scheduled action) leaves: it and the restore's reads fail.
        using var proxy = new SlowLoopbackProxy(moto.Url, TimeSpan.Zero);
        proxy.OnClientChunk = chunk =>
        {
            if (chunk.Contains("AnyScaleFrontendService.PutScheduledAction", StringComparison.Ordinal)) _ = Task.Run(proxy.Dispose);
        };

        var (code, stdout, _) = await Loadlab(proxy.Url, "apply", rec, "--yes");

        Assert.Equal(ExitCodes.TargetOrAwsFailed, code);
        Assert.Contains("error: PutScheduledAction loadlab-weekday-morning failed: ", stdout);
        Assert.Contains("2 write(s) had succeeded; restoring the prior state from ", stdout);
        Assert.Contains("error: the restore failed too: ", stdout);
        var point = Directory.GetFiles(_dir.Path, "rollback-2*.json").Single();
        Assert.EndsWith($"The live configuration is partly changed. Retry with: loadlab apply --rollback {point} --yes  (details in {_dir.File("applied.json")})\n", stdout);
        Assert.NotEqual(before, await ApplyStack.FingerprintAsync(store, ep));

        // The command it names finishes the rollback.
        var retry = await Loadlab(moto.Url, "apply", "--rollback", point, "--yes");
        Assert.Equal(ExitCodes.Ok, retry.Code);
        Assert.Equal(before, await ApplyStack.FingerprintAsync(store, ep));
    }
}
