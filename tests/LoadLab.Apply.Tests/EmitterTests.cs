using System.Text.Json;
using LoadLab.Apply.Emit;
using LoadLab.Apply.Model;

namespace LoadLab.Apply.Tests;

public class EmitterTests
{
    private static readonly DesiredConfig Config = DesiredConfig.FromRecommendation(Samples.Recommendation());

    [Fact]
    public void Cli_script_captures_the_step_policy_arn_for_its_alarm()
    {
        var sh = IacEmitter.Emit(IacKind.Cli, Config);
        Assert.StartsWith("#!/usr/bin/env bash", sh);
        Assert.Contains("aws application-autoscaling register-scalable-target --cli-input-json '{\"ServiceNamespace\":\"sagemaker\"", sh);
        Assert.Contains("POLICY_ARN_LOADLAB_STEP_OUT=$(aws application-autoscaling put-scaling-policy", sh);
        Assert.Contains("\"AlarmActions\":[\"'\"${POLICY_ARN_LOADLAB_STEP_OUT}\"'\"]", sh);
        Assert.DoesNotContain("policy-arn:", sh);
        Assert.Contains("put-scheduled-action --cli-input-json '{", sh);
        // Order: target, policies, alarm, scheduled action.
        Assert.True(sh.IndexOf("register-scalable-target", StringComparison.Ordinal) < sh.IndexOf("put-scaling-policy", StringComparison.Ordinal));
        Assert.True(sh.IndexOf("put-scaling-policy", StringComparison.Ordinal) < sh.IndexOf("put-metric-alarm", StringComparison.Ordinal));
    }

    [Fact]
    public void Cli_script_is_valid_bash()
    {
        var path = Path.Combine(Path.GetTempPath(), $"loadlab-emit-{Guid.NewGuid():N}.sh");
        File.WriteAllText(path, IacEmitter.Emit(IacKind.Cli, Config));
        try
        {
            using var p = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("bash", ["-n", path]) { RedirectStandardError = true })!;
            var err = p.StandardError.ReadToEnd();
            p.WaitForExit();
            Assert.True(p.ExitCode == 0, err);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Cloudformation_template_wires_alarm_to_policy_ref()
    {
        using var doc = JsonDocument.Parse(IacEmitter.Emit(IacKind.CloudFormation, Config));
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
    public void Terraform_references_resources()
    {
        var tf = IacEmitter.Emit(IacKind.Terraform, Config);
        Assert.Contains("resource \"aws_appautoscaling_target\" \"loadlab\" {", tf);
        Assert.Contains("  resource_id        = \"endpoint/ep/variant/AllTraffic\"", tf);
        Assert.Contains("resource \"aws_appautoscaling_policy\" \"loadlab_target_tracking\" {", tf);
        Assert.Contains("  resource_id        = aws_appautoscaling_target.loadlab.resource_id", tf);
        Assert.Contains("    target_value       = 700", tf);
        Assert.Contains("      predefined_metric_type = \"SageMakerVariantInvocationsPerInstance\"", tf);
        Assert.Contains("    step_adjustment {", tf);
        Assert.Matches(@"\n  alarm_actions +\= \[aws_appautoscaling_policy\.loadlab_step_out\.arn\]", tf);
        Assert.Contains("    \"EndpointName\" = \"ep\"\n    \"VariantName\"  = \"AllTraffic\"", tf);
        Assert.Matches(@"\n  schedule +\= ""cron\(0 8 \? \* MON-FRI \*\)""", tf);
        Assert.Equal(tf.Count(c => c == '{'), tf.Count(c => c == '}'));
    }

    [Fact]
    public void Terraform_strings_never_interpolate()
    {
        Assert.Equal("\"a$${b}c\"", TerraformEmitter.Str("a${b}c"));
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
}
