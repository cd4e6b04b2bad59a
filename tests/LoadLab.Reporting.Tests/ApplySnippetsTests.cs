using System.Text.Json;
using System.Text.RegularExpressions;
using LoadLab.Core.AwsApi;
using LoadLab.Core.Iac;
using LoadLab.Core.Json;
using LoadLab.Core.RunFiles;
using LoadLab.Reporting.Tests.Fixtures;
using YamlDotNet.RepresentationModel;

namespace LoadLab.Reporting.Tests;

/// <summary>The "How to apply" code as the report asks Core.Iac for it: CLI with the run's region, CloudFormation as YAML.</summary>
public sealed class ApplySnippetsTests
{
    private static string Emit(IacKind kind, RecommendationFile r, string? region = null) =>
        IacEmitter.Emit(kind, IacRequests.FromRecommendation(r), new IacOptions { Region = region, CloudFormationSyntax = CloudFormationSyntax.Yaml });

    private static RecommendationFile Recommendation()
    {
        var dir = FixtureRun.Create();
        var r = LoadLabJson.Deserialize<RecommendationFile>(File.ReadAllText(Path.Combine(dir, "recommendation.json")));
        Directory.Delete(dir, true);
        return r;
    }

    [Fact]
    public void Cli_commands_carry_the_requests_as_they_are()
    {
        var r = Recommendation();
        var script = Emit(IacKind.Cli, r, "us-east-1");
        var lines = script.Split('\n').Where(l => l.Contains("aws ")).ToList();
        Assert.Equal(5, lines.Count);
        Assert.StartsWith("aws application-autoscaling register-scalable-target --region 'us-east-1' --cli-input-json '", lines[0]);
        // The JSON given to the CLI is the request, field for field.
        var json = Regex.Match(lines[0], "--cli-input-json '(.*)'$").Groups[1].Value;
        var back = JsonSerializer.Deserialize<RegisterScalableTargetRequest>(json, LoadLabJson.Options)!;
        Assert.Equal(r.RegisterScalableTarget, back with { SuspendedState = r.RegisterScalableTarget.SuspendedState });
        Assert.Contains("\"ServiceNamespace\":\"sagemaker\"", json);
        // The step policy's ARN is captured and spliced into its alarm.
        Assert.Contains(lines, l => l.StartsWith("POLICY_ARN_LOADLAB_SPIKE_STEP=$(aws application-autoscaling put-scaling-policy", StringComparison.Ordinal) && l.EndsWith("--query PolicyARN --output text)"));
        var alarm = lines.Single(l => l.Contains("put-metric-alarm"));
        Assert.Contains("\"AlarmActions\":[\"'\"${POLICY_ARN_LOADLAB_SPIKE_STEP}\"'\"]", alarm);
        Assert.DoesNotContain("policy-arn:", alarm);
        Assert.Contains(lines, l => l.StartsWith("aws application-autoscaling put-scheduled-action", StringComparison.Ordinal) && l.Contains("cron(0 8 ? * MON-FRI *)"));
    }

    [Fact]
    public void Cloudformation_is_valid_yaml_with_the_resources()
    {
        var yaml = Emit(IacKind.CloudFormation, Recommendation());
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var resources = (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["Resources"];
        var types = resources.Children.Values.Select(v => ((YamlScalarNode)((YamlMappingNode)v)["Type"]).Value).ToList();
        Assert.Equal(["AWS::ApplicationAutoScaling::ScalableTarget", "AWS::ApplicationAutoScaling::ScalingPolicy",
            "AWS::ApplicationAutoScaling::ScalingPolicy", "AWS::CloudWatch::Alarm"], types);
        var target = (YamlMappingNode)((YamlMappingNode)resources["ScalableTarget"])["Properties"];
        Assert.Equal("12", ((YamlScalarNode)target["MaxCapacity"]).Value);
        Assert.Contains("cron(0 8 ? * MON-FRI *)", yaml);
        Assert.Contains("- !Ref PolicyLoadlabSpikeStep", yaml);
        Assert.Contains("TargetValue: 1640", yaml);
    }

    [Fact]
    public void Cloudformation_yaml_says_what_the_json_says()
    {
        var requests = IacRequests.FromRecommendation(Recommendation());
        var yaml = new YamlStream();
        yaml.Load(new StringReader(IacEmitter.Emit(IacKind.CloudFormation, requests, new IacOptions { CloudFormationSyntax = CloudFormationSyntax.Yaml })));
        using var json = JsonDocument.Parse(IacEmitter.Emit(IacKind.CloudFormation, requests));
        Assert.Equal(Canonical(json.RootElement), Canonical(yaml.Documents[0].RootNode));
    }

    /// <summary>Both syntaxes as one comparable text: scalars as their text, !Ref X as {"Ref": X}.</summary>
    private static string Canonical(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "{" + string.Join(",", e.EnumerateObject().Select(p => p.Name + ":" + Canonical(p.Value))) + "}",
        JsonValueKind.Array => "[" + string.Join(",", e.EnumerateArray().Select(Canonical)) + "]",
        JsonValueKind.String => e.GetString()!,
        _ => e.GetRawText(),
    };

    private static string Canonical(YamlNode n) => n switch
    {
        YamlScalarNode s when !s.Tag.IsEmpty && !s.Tag.IsNonSpecific && s.Tag.Value == "!Ref" => "{Ref:" + s.Value + "}",
        YamlScalarNode s => s.Value!,
        YamlMappingNode m => "{" + string.Join(",", m.Children.Select(c => ((YamlScalarNode)c.Key).Value + ":" + Canonical(c.Value))) + "}",
        YamlSequenceNode q => "[" + string.Join(",", q.Children.Select(Canonical)) + "]",
        _ => throw new InvalidOperationException(n.GetType().Name),
    };

    [Fact]
    public void Terraform_has_target_policies_schedule_and_alarm()
    {
        var tf = Emit(IacKind.Terraform, Recommendation());
        Assert.Contains("resource \"aws_appautoscaling_target\" \"loadlab\" {", tf);
        Assert.Contains("resource \"aws_appautoscaling_policy\" \"loadlab_target_tracking\" {", tf);
        Assert.Contains("resource \"aws_appautoscaling_scheduled_action\" \"loadlab_business_hours\" {", tf);
        Assert.Contains("resource \"aws_cloudwatch_metric_alarm\" \"loadlab_spike_step_high\" {", tf);
        Assert.Matches(@"\n  alarm_actions +\= \[aws_appautoscaling_policy\.loadlab_spike_step\.arn\]\n", tf);
        Assert.Contains("predefined_metric_type = \"SageMakerVariantInvocationsPerInstance\"", tf);
        Assert.Contains("metric_interval_lower_bound = \"500\"", tf);
        Assert.Equal(tf.Count(c => c == '{'), tf.Count(c => c == '}'));
    }
}
