using System.Text.Json;
using LoadLab.Core.Ports;
using LoadLab.TestSupport;
using Xunit.Abstractions;

namespace LoadLab.Cli.Tests;

/// <summary>`loadlab apply --output json` and `--detailed-exitcode` as a pipeline runs them: real processes against
/// strict-auth moto, drift between a recommendation and what is live detected from the exit code and the document.</summary>
public sealed class ApplyMachineOutputTests(MotoServer moto, ITestOutputHelper output) : IClassFixture<MotoServer>, IDisposable
{
    private readonly TempDir _dir = new("loadlab-apply-json");

    public void Dispose() => _dir.Dispose();

    private async Task<(int Code, string Out, string Err)> Loadlab(params string[] args)
    {
        using var child = LoadlabChild.Start(moto, moto.Url, _dir.Path, output, args);
        return await child.WaitAsync();
    }

    [Fact]
    public async Task Plan_apply_and_drift_as_json_with_terraform_exit_codes()
    {
        var (ep, store, _) = await ApplyStack.PriorStateAsync(moto);
        var rec = ApplyStack.WriteRecommendation(_dir.File("recommendation.json"), ep);

        // Pending changes: exit 2, stdout is one JSON document with every field change, the text went to stderr.
        var (code, stdout, stderr) = await Loadlab("apply", rec, "--output", "json", "--detailed-exitcode");
        Assert.Equal(2, code);
        Assert.Contains("Plan: 1 to add, 2 to change, 0 to remove.", stderr);
        using (var plan = JsonDocument.Parse(stdout))
        {
            var root = plan.RootElement;
            Assert.Equal("planned_only", root.GetProperty("outcome").GetString());
            Assert.True(root.GetProperty("changes_pending").GetBoolean());
            Assert.Equal((1, 2, 0), (root.GetProperty("add_count").GetInt32(), root.GetProperty("change_count").GetInt32(), root.GetProperty("remove_count").GetInt32()));
            var policy = root.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "loadlab-target-tracking");
            Assert.Equal("scaling_policy", policy.GetProperty("kind").GetString());
            Assert.Equal("update", policy.GetProperty("action").GetString());
            var field = Assert.Single(policy.GetProperty("fields").EnumerateArray());
            Assert.Equal(("TargetTrackingScalingPolicyConfiguration.TargetValue", "500", "700"),
                (field.GetProperty("path").GetString(), field.GetProperty("old").GetString(), field.GetProperty("new").GetString()));
        }
        // Without the flag the plan exits 0, as before.
        Assert.Equal(0, (await Loadlab("apply", rec)).Code);

        // Applied: nothing pending, exit 0.
        (code, stdout, _) = await Loadlab("apply", rec, "--yes", "--output", "json", "--detailed-exitcode");
        Assert.Equal(0, code);
        using (var applied = JsonDocument.Parse(stdout))
        {
            Assert.Equal("applied", applied.RootElement.GetProperty("outcome").GetString());
            Assert.False(applied.RootElement.GetProperty("changes_pending").GetBoolean());
            Assert.StartsWith(_dir.File("rollback-"), applied.RootElement.GetProperty("rollback_point").GetString());
        }
        (code, stdout, _) = await Loadlab("apply", rec, "--output", "json", "--detailed-exitcode");
        Assert.Equal(0, code);
        Assert.Equal("no_changes", JsonDocument.Parse(stdout).RootElement.GetProperty("outcome").GetString());

        // Someone changes the live policy by hand: drift, exit 2, the field named.
        await store.PutScalingPolicyAsync(ApplyStack.TargetTracking(ep, 650));
        (code, stdout, _) = await Loadlab("apply", rec, "--output", "json", "--detailed-exitcode");
        Assert.Equal(2, code);
        Assert.Contains("\"old\": \"650\"", stdout);
        var live = await store.ReadAsync(ScalableTargetKey.Variant(ep, "AllTraffic"));
        Assert.Equal(650, live.Policies.Single().Request.TargetTrackingScalingPolicyConfiguration!.TargetValue);
    }

    [Fact]
    public async Task With_detailed_exitcode_every_error_is_1_never_2()
    {
        var missing = await Loadlab("apply", _dir.File("no-such.json"), "--detailed-exitcode");
        Assert.Equal(1, missing.Code);
        Assert.Contains("file not found", missing.Err);
        var typo = await Loadlab("apply", _dir.File("no-such.json"), "--detailed-exitcode", "--yse");
        Assert.Equal(1, typo.Code);
        var badOutput = await Loadlab("apply", _dir.File("no-such.json"), "--detailed-exitcode", "--output", "yaml");
        Assert.Equal(1, badOutput.Code);
        // Without the flag, bad input keeps LoadLab's own code.
        Assert.Equal(2, (await Loadlab("apply", _dir.File("no-such.json"))).Code);
    }
}
