using System.Text;
using LoadLab.Aws;
using LoadLab.Aws.Signing;
using LoadLab.Core.Findings;
using LoadLab.TestSupport;
using LoadLab.Verify.Observers;
using Microsoft.Extensions.Time.Testing;

namespace LoadLab.Verify.Tests;

/// <summary>
/// `verify` against a real endpoint reads DescribeEndpoint, DescribeScalingActivities, DescribeScalingPolicies (for the
/// alarm names) and DescribeAlarms. moto has no DescribeScalingActivities and leaves a policy's Alarms empty, so these
/// run against AWS-shaped answers served on loopback, through the real signed clients.
/// </summary>
public sealed class AwsScalingObserverTests
{
    private const string Endpoint = "my-endpoint";
    private const string Resource = "endpoint/my-endpoint/variant/AllTraffic";
    private static readonly DateTimeOffset Since = DateTimeOffset.FromUnixTimeSeconds(1_767_261_000);

    /// <summary>The observer's own clock, so the times it stamps on samples are the test's.</summary>
    private static readonly FakeTimeProvider Clock = new(DateTimeOffset.FromUnixTimeSeconds(1_767_261_200));

    private static AwsScalingObserver Observer(LoopbackAwsServer server, List<Finding> warnings) =>
        new(AwsContext.ForLocal(server.Url, new SigningCredentials("AKIDLOOPBACK", "loopback-secret"), "eu-west-1"), Endpoint, "AllTraffic", warnings, Clock);

    private static string Target(LoopbackAwsServer.Seen r) => r.Headers["X-Amz-Target"];

    [Fact]
    public async Task Samples_activities_and_alarm_states_come_from_the_aws_calls_for_the_variant_under_test()
    {
        using var server = new LoopbackAwsServer();
        server.Answer(200, """
            {"EndpointName":"my-endpoint","EndpointStatus":"Updating","ProductionVariants":[
              {"VariantName":"Canary","DesiredInstanceCount":1,"CurrentInstanceCount":1},
              {"VariantName":"AllTraffic","DesiredInstanceCount":4,"CurrentInstanceCount":2}]}
            """);
        server.Answer(200, $$"""
            {"ScalingActivities":[
              {"ActivityId":"new","ServiceNamespace":"sagemaker","ResourceId":"{{Resource}}","ScalableDimension":"sagemaker:variant:DesiredInstanceCount",
               "Description":"Setting desired instance count to 4.","Cause":"monitor alarm AlarmHigh in state ALARM triggered policy tt",
               "StartTime":{{Since.ToUnixTimeSeconds() + 120}},"StatusCode":"InProgress"},
              {"ActivityId":"before-the-run","ServiceNamespace":"sagemaker","ResourceId":"{{Resource}}","ScalableDimension":"sagemaker:variant:DesiredInstanceCount",
               "Description":"Setting desired instance count to 2.","Cause":"scheduled","StartTime":{{Since.ToUnixTimeSeconds() - 600}},"StatusCode":"Successful"}]}
            """);
        server.Answer(200, $$"""
            {"ScalingPolicies":[{"PolicyARN":"arn:aws:autoscaling:eu-west-1:123456789012:scalingPolicy:1:resource/sagemaker/{{Resource}}:policyName/tt",
              "PolicyName":"tt","ServiceNamespace":"sagemaker","ResourceId":"{{Resource}}","ScalableDimension":"sagemaker:variant:DesiredInstanceCount",
              "PolicyType":"TargetTrackingScaling","CreationTime":1767000000,
              "Alarms":[{"AlarmName":"AlarmHigh","AlarmARN":"arn:aws:cloudwatch:eu-west-1:123456789012:alarm:AlarmHigh"},
                        {"AlarmName":"AlarmLow","AlarmARN":"arn:aws:cloudwatch:eu-west-1:123456789012:alarm:AlarmLow"}]}]}
            """);
        server.Answer(200, """
            {"MetricAlarms":[
              {"AlarmName":"AlarmHigh","StateValue":"ALARM","StateReason":"Threshold Crossed: 3 datapoints","StateUpdatedTimestamp":1767261110},
              {"AlarmName":"AlarmLow","StateValue":"OK","StateReason":"Threshold Crossed","StateUpdatedTimestamp":1767260000}]}
            """);
        server.Answer(200, """{"MetricAlarms":[{"AlarmName":"AlarmHigh","StateValue":"OK","StateUpdatedTimestamp":1767261400}]}""");
        server.Answer(200, $$"""
            {"MetricDataResults":[{"Id":"sum","Label":"InvocationsPerInstance","StatusCode":"Complete",
              "Timestamps":[{{Since.ToUnixTimeSeconds()}},{{Since.ToUnixTimeSeconds() + 60}}],"Values":[1500,2250.5]}]}
            """);
        var warnings = new List<Finding>();
        using var observer = Observer(server, warnings);

        var sample = await observer.SampleAsync(CancellationToken.None);
        var activities = await observer.ActivitiesAsync(Since, CancellationToken.None);
        var alarms = await observer.AlarmsAsync(CancellationToken.None);
        var later = await observer.AlarmsAsync(CancellationToken.None);
        var ipi = await observer.InvocationsPerInstanceAsync(Since, Since.AddMinutes(2), CancellationToken.None);

        Assert.Equal(("Updating", 4, 2), (sample.Status, sample.DesiredInstances, sample.CurrentInstances));
        Assert.Equal(Clock.GetUtcNow(), sample.RealUtc);
        Assert.Equal(Clock.GetUtcNow(), (await observer.ClockAsync(CancellationToken.None)).EmulatedAtUtc);
        Assert.All(alarms, a => Assert.Equal(Clock.GetUtcNow(), a.RealUtc));
        Assert.Equal("new", Assert.Single(activities).ActivityId);               // the one before the run is left out
        Assert.Equal([("AlarmHigh", "ALARM"), ("AlarmLow", "OK")], alarms.Select(a => (a.AlarmName, a.State)));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_767_261_110), alarms[0].StateUpdatedUtc);
        Assert.Equal("OK", Assert.Single(later).State);                          // the transition shows between samples
        Assert.Equal([(Since, 1500), (Since.AddMinutes(1), 2250.5)], ipi.OrderBy(p => p.Key).Select(p => (p.Key, p.Value)));
        Assert.Empty(warnings);

        Assert.Equal(["SageMaker.DescribeEndpoint", "AnyScaleFrontendService.DescribeScalingActivities", "AnyScaleFrontendService.DescribeScalingPolicies",
            "GraniteServiceVersion20100801.DescribeAlarms", "GraniteServiceVersion20100801.DescribeAlarms", "GraniteServiceVersion20100801.GetMetricData"],
            server.Requests.Select(Target));
        var metricRequest = Encoding.UTF8.GetString(server.Requests[5].Body);
        Assert.Contains("\"MetricName\":\"InvocationsPerInstance\"", metricRequest);
        Assert.Contains("\"Value\":\"my-endpoint\"", metricRequest);
        Assert.Contains("\"Stat\":\"Sum\"", metricRequest);
        var activitiesRequest = Encoding.UTF8.GetString(server.Requests[1].Body);
        Assert.Contains(Resource, activitiesRequest);
        Assert.Contains("\"ServiceNamespace\":\"sagemaker\"", activitiesRequest);
        var alarmsRequest = Encoding.UTF8.GetString(server.Requests[3].Body);
        Assert.Contains("AlarmHigh", alarmsRequest);
        Assert.Contains("AlarmLow", alarmsRequest);
        Assert.All(server.Requests, r => Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDLOOPBACK/", r.Headers["Authorization"]));
    }

    [Fact]
    public async Task Operations_it_may_not_call_become_warnings_and_the_check_goes_on()
    {
        using var server = new LoopbackAwsServer();
        const string denied = """{"__type":"AccessDeniedException","message":"User is not authorized to perform this action"}""";
        server.Answer(400, denied);
        server.Answer(400, denied);
        server.Answer(400, denied);
        var warnings = new List<Finding>();
        using var observer = Observer(server, warnings);

        Assert.Empty(await observer.ActivitiesAsync(Since, CancellationToken.None));
        Assert.Empty(await observer.AlarmsAsync(CancellationToken.None));
        Assert.Empty(await observer.AlarmsAsync(CancellationToken.None));         // not asked again
        Assert.Empty(await observer.InvocationsPerInstanceAsync(Since, Since.AddMinutes(5), CancellationToken.None));

        Assert.Equal(3, server.Requests.Count);
        // Each is a warning with its own code (a figure the reader expects is weaker), the AWS error kept as detail.
        Assert.Collection(warnings,
            w => Assert.Equal((Severity.Warning, VerifyCodes.ActivitiesUnread, "DescribeScalingActivities failed"), (w.Severity, w.Code, w.Message[..w.Message.IndexOf(':')])),
            w => Assert.Equal((Severity.Warning, VerifyCodes.AlarmsUnread, "alarm states not read"), (w.Severity, w.Code, w.Message)),
            w => Assert.Equal((Severity.Warning, VerifyCodes.MetricUnread), (w.Severity, w.Code)));
        Assert.All(warnings, w => Assert.StartsWith("AccessDeniedException: ", w.Detail, StringComparison.Ordinal));
    }
}
