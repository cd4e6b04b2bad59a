using System.Text.Json;
using LoadLab.Core.Iac;
using LoadLab.Core.Json;
using LoadLab.TestSupport;

namespace LoadLab.Apply.Tests;

/// <summary>
/// The Core.Iac emitters as `loadlab apply --emit` uses them (CLI script, CloudFormation JSON, Terraform), and the
/// ApplyService call site: retargeting and the file written.
/// </summary>
public sealed class EmitterTests : IDisposable
{
    private static readonly IacRequests Requests = IacRequests.FromRecommendation(Samples.Recommendation());
    private readonly TempDir _dir = new("loadlab-emit");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Cli_script_captures_the_step_policy_arn_for_its_alarm()
    {
        var sh = IacEmitter.Emit(IacKind.Cli, Requests);
        Assert.StartsWith("#!/usr/bin/env bash", sh);
        Assert.Contains("aws application-autoscaling register-scalable-target --cli-input-json '{\"ServiceNamespace\":\"sagemaker\"", sh);
        Assert.Contains("POLICY_ARN_LOADLAB_STEP_OUT=$(aws application-autoscaling put-scaling-policy", sh);
        Assert.Contains("\"AlarmActions\":[\"'\"${POLICY_ARN_LOADLAB_STEP_OUT}\"'\"]", sh);
        Assert.DoesNotContain("policy-arn:", sh);
        Assert.DoesNotContain("--region", string.Join('\n', sh.Split('\n').Where(l => !l.StartsWith('#'))));
        Assert.Contains("put-scheduled-action --cli-input-json '{", sh);
        // Order: target, policies, alarm, scheduled action.
        Assert.True(sh.IndexOf("register-scalable-target", StringComparison.Ordinal) < sh.IndexOf("put-scaling-policy", StringComparison.Ordinal));
        Assert.True(sh.IndexOf("put-scaling-policy", StringComparison.Ordinal) < sh.IndexOf("put-metric-alarm", StringComparison.Ordinal));
        Assert.True(sh.IndexOf("put-metric-alarm", StringComparison.Ordinal) < sh.IndexOf("put-scheduled-action", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("us-east-1")]
    public void Cli_script_is_valid_bash(string? region)
    {
        var path = _dir.File("apply-scaling.sh");
        File.WriteAllText(path, IacEmitter.Emit(IacKind.Cli, Requests, new IacOptions { Region = region }));
        using var p = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("bash", ["-n", path]) { RedirectStandardError = true })!;
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, err);
    }

    [Fact]
    public void Cloudformation_template_wires_alarm_to_policy_ref()
    {
        using var doc = JsonDocument.Parse(IacEmitter.Emit(IacKind.CloudFormation, Requests));
        var res = doc.RootElement.GetProperty("Resources");
        Assert.Equal("AWS::ApplicationAutoScaling::ScalableTarget", res.GetProperty("ScalableTarget").GetProperty("Type").GetString());
        var props = res.GetProperty("ScalableTarget").GetProperty("Properties");
        Assert.Equal(1, props.GetProperty("MinCapacity").GetInt32());
        Assert.Equal("cron(0 8 ? * MON-FRI *)", props.GetProperty("ScheduledActions")[0].GetProperty("Schedule").GetString());
        var policy = res.GetProperty("PolicyLoadlabTargetTracking").GetProperty("Properties");
        Assert.Equal("ScalableTarget", policy.GetProperty("ScalingTargetId").GetProperty("Ref").GetString());
        Assert.Equal(700, policy.GetProperty("TargetTrackingScalingPolicyConfiguration").GetProperty("TargetValue").GetDouble());
        var alarm = res.GetProperty("AlarmLoadlabStepOutHigh").GetProperty("Properties");
        Assert.Equal("PolicyLoadlabStepOut", alarm.GetProperty("AlarmActions")[0].GetProperty("Ref").GetString());
    }

    [Fact]
    public void Cloudformation_wires_ok_actions_too_and_leaves_real_arns_alone()
    {
        const string Topic = "arn:aws:sns:us-east-1:123456789012:ops";
        var alarm = Requests.Alarms[0] with { AlarmActions = [.. Requests.Alarms[0].AlarmActions!, Topic], OKActions = ["policy-arn:loadlab-step-out"] };
        var requests = Requests with { Alarms = [alarm] };
        using var doc = JsonDocument.Parse(IacEmitter.Emit(IacKind.CloudFormation, requests));
        var props = doc.RootElement.GetProperty("Resources").GetProperty("AlarmLoadlabStepOutHigh").GetProperty("Properties");
        Assert.Equal(Topic, props.GetProperty("AlarmActions")[1].GetString());
        Assert.Equal("PolicyLoadlabStepOut", props.GetProperty("OKActions")[0].GetProperty("Ref").GetString());
        var tf = IacEmitter.Emit(IacKind.Terraform, requests);
        Assert.Matches(@"\n  alarm_actions +\= \[aws_appautoscaling_policy\.loadlab_step_out\.arn, ""arn:aws:sns:us-east-1:123456789012:ops""\]", tf);
        Assert.Matches(@"\n  ok_actions +\= \[aws_appautoscaling_policy\.loadlab_step_out\.arn\]", tf);
    }

    [Fact]
    public void Terraform_references_resources()
    {
        var tf = IacEmitter.Emit(IacKind.Terraform, Requests);
        Assert.Contains("resource \"aws_appautoscaling_target\" \"loadlab\" {", tf);
        Assert.Contains("  resource_id        = \"endpoint/ep/variant/AllTraffic\"", tf);
        Assert.Contains("resource \"aws_appautoscaling_policy\" \"loadlab_target_tracking\" {", tf);
        Assert.Contains("  resource_id        = aws_appautoscaling_target.loadlab.resource_id", tf);
        Assert.Contains("    target_value       = 700", tf);
        Assert.Contains("      predefined_metric_type = \"SageMakerVariantInvocationsPerInstance\"", tf);
        Assert.Contains("    step_adjustment {", tf);
        // The provider takes step bounds as strings.
        Assert.Contains("      metric_interval_lower_bound = \"500\"\n      scaling_adjustment          = 2\n", tf);
        Assert.Matches(@"\n  alarm_actions +\= \[aws_appautoscaling_policy\.loadlab_step_out\.arn\]", tf);
        Assert.Contains("    \"EndpointName\" = \"ep\"\n    \"VariantName\"  = \"AllTraffic\"", tf);
        Assert.Matches(@"\n  schedule +\= ""cron\(0 8 \? \* MON-FRI \*\)""", tf);
        Assert.Equal(tf.Count(c => c == '{'), tf.Count(c => c == '}'));
    }

    [Fact]
    public void Terraform_strings_never_interpolate()
    {
        Assert.Equal("\"a$${b}c\"", TerraformEmitter.Str("a${b}c"));
        Assert.Equal("\"a%%{b}c\"", TerraformEmitter.Str("a%{b}c"));
    }

    [Fact]
    public void Shell_quoting_survives_single_quotes()
    {
        Assert.Equal("'it'\"'\"'s'", IacNames.ShellQuote("it's"));
    }

    [Theory]
    [InlineData("cli", IacKind.Cli)]
    [InlineData("CloudFormation", IacKind.CloudFormation)]
    [InlineData("tf", IacKind.Terraform)]
    public void Kinds_parse(string text, IacKind kind)
    {
        Assert.True(IacEmitter.TryParseKind(text, out var k));
        Assert.Equal(kind, k);
        Assert.False(IacEmitter.TryParseKind("pulumi", out _));
    }

    [Theory]
    [InlineData(IacKind.Cli, "apply-scaling.sh")]
    [InlineData(IacKind.CloudFormation, "scaling.cfn.json")]
    [InlineData(IacKind.Terraform, "scaling.tf")]
    public void Apply_emit_writes_retargeted_code_and_names_the_command(IacKind kind, string fileName)
    {
        var path = _dir.File("recommendation.json");
        LoadLabJson.WriteFile(path, Samples.Recommendation(endpoint: "shop"));
        var written = ApplyService.Emit(new EmitRequest { RecommendationPath = path, Kind = kind, Endpoint = "cart", OutDir = _dir.File("out") });

        Assert.Equal(_dir.File(Path.Combine("out", fileName)), written);
        var code = File.ReadAllText(written);
        Assert.Contains($"loadlab apply --emit {kind.ToString().ToLowerInvariant()}", code);
        Assert.Contains("endpoint/cart/variant/AllTraffic", code);
        Assert.DoesNotContain("shop", code);
    }
}
