using System.Text.Json;
using LoadLab.Aws.ApplicationAutoScaling;
using LoadLab.Aws.Errors;
using LoadLab.Aws.Signing;
using LoadLab.Core.AwsApi;
using LoadLab.TestSupport;

namespace LoadLab.Aws.Tests.Integration;

/// <summary>
/// moto 5.2.1 has no DescribeScalingActivities, so this runs against recorded AWS-shaped answers served on loopback.
/// The server side also re-checks the SigV4 signature with the known key.
/// </summary>
public sealed class DescribeScalingActivitiesTests
{
    private static readonly SigningCredentials Key = new("AKIDLOOPBACK", "loopback-secret");

    private static string Recorded(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Recorded", name));

    [Fact]
    public async Task Pages_are_followed_and_every_field_is_read()
    {
        using var server = new LoopbackAwsServer();
        server.Answer(200, Recorded("describe-scaling-activities-page1.json"), ("x-amzn-RequestId", "r-1"));
        server.Answer(200, Recorded("describe-scaling-activities-page2.json"), ("x-amzn-RequestId", "r-2"));
        using var aws = AwsContext.ForLocal(server.Url, Key, "eu-west-1");
        var aas = aws.ApplicationAutoScaling();

        var all = await aas.DescribeAllScalingActivitiesAsync(new DescribeScalingActivitiesRequest
        {
            ResourceId = "endpoint/my-endpoint/variant/AllTraffic",
            ScalableDimension = ScalingConstants.VariantDesiredInstanceCount,
            IncludeNotScaledActivities = true,
            MaxResults = 1,
        });

        Assert.Equal(2, all.Count);
        var ok = all[0];
        Assert.Equal("6a9b1c64-3f4e-4b5e-9a0c-2f8d7e1b4c10", ok.ActivityId);
        Assert.Equal(ScalingActivityStatusCodes.Successful, ok.StatusCode);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_767_261_723_446), ok.StartTime);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_767_262_035_131), ok.EndTime);
        Assert.StartsWith("monitor alarm TargetTracking-", ok.Cause);
        var failed = all[1];
        Assert.Equal(ScalingActivityStatusCodes.Failed, failed.StatusCode);
        Assert.Equal("Failed to set desired instance count to 8.", failed.Details);
        var reason = Assert.Single(failed.NotScaledReasons!);
        Assert.Equal("AlreadyAtMaxCapacity", reason.Code);
        Assert.Equal(6, reason.MaxCapacity);
        Assert.Equal(6, reason.CurrentCapacity);

        // What went over the wire: JSON 1.1, the right target, the token from page 1, a valid signature.
        Assert.Equal(2, server.Requests.Count);
        foreach (var seen in server.Requests)
        {
            Assert.Equal("POST", seen.Method);
            Assert.Equal("AnyScaleFrontendService.DescribeScalingActivities", seen.Headers["X-Amz-Target"]);
            Assert.Equal("application/x-amz-json-1.1", seen.Headers["Content-Type"]);
            AssertSignatureVerifies(seen, server.Url, "eu-west-1", "application-autoscaling");
        }
        using var first = JsonDocument.Parse(server.Requests[0].Body);
        Assert.Equal("sagemaker", first.RootElement.GetProperty("ServiceNamespace").GetString());
        Assert.True(first.RootElement.GetProperty("IncludeNotScaledActivities").GetBoolean());
        Assert.False(first.RootElement.TryGetProperty("NextToken", out _));
        using var second = JsonDocument.Parse(server.Requests[1].Body);
        Assert.Equal("eyJ2IjoxLCJjIjoiYWN0aXZpdHktcGFnZS0yIn0=", second.RootElement.GetProperty("NextToken").GetString());
    }

    [Fact]
    public async Task Throttling_is_retried_and_a_validation_error_is_typed()
    {
        using var server = new LoopbackAwsServer();
        server.Answer(400, """{"__type":"ConcurrentUpdateException","message":"busy"}""");
        server.Answer(400, """{"__type":"com.amazonaws.applicationautoscaling#ValidationException","Message":"1 validation error detected: Value 'x' at 'resourceId' failed to satisfy constraint"}""",
            ("x-amzn-RequestId", "9f8e7d6c"));
        server.Answer(400, """{"__type":"ThrottlingException","message":"Rate exceeded"}""");
        server.Answer(200, """{"ScalingActivities":[]}""");
        using var aws = AwsContext.ForLocal(server.Url, Key, "eu-west-1",
            new LoadLab.Aws.Http.AwsRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(1) });
        var aas = aws.ApplicationAutoScaling();

        // ConcurrentUpdateException is not a retryable code: surfaces at once.
        var busy = await Assert.ThrowsAsync<AwsServiceException>(() => aas.DescribeScalingActivitiesAsync(new DescribeScalingActivitiesRequest()));
        Assert.Equal("ConcurrentUpdateException", busy.ErrorCode);
        var invalid = await Assert.ThrowsAsync<AwsServiceException>(() => aas.DescribeScalingActivitiesAsync(new DescribeScalingActivitiesRequest { ResourceId = "x" }));
        Assert.Equal("ValidationException", invalid.ErrorCode);
        Assert.Equal("9f8e7d6c", invalid.RequestId);
        Assert.StartsWith("ValidationException: 1 validation error detected", invalid.Message);
        // Throttled once, then answered.
        var empty = await aas.DescribeScalingActivitiesAsync(new DescribeScalingActivitiesRequest());
        Assert.Empty(empty.ScalingActivities);
        Assert.Equal(4, server.Requests.Count);
    }

    private static void AssertSignatureVerifies(LoopbackAwsServer.Seen seen, Uri url, string region, string service)
    {
        var auth = seen.Headers["Authorization"];
        var signedNames = auth.Split("SignedHeaders=")[1].Split(',')[0].Split(';');
        Assert.Contains("x-amz-date", signedNames);
        Assert.Contains("x-amz-target", signedNames);
        var headers = signedNames.Select(n => new KeyValuePair<string, string>(n, seen.Headers[n])).ToList();
        var at = DateTimeOffset.ParseExact(seen.Headers["X-Amz-Date"], "yyyyMMdd'T'HHmmss'Z'", null, System.Globalization.DateTimeStyles.AssumeUniversal);
        var expected = SigV4.Compute(new SigV4Input(seen.Method, seen.Path, null, headers, SigV4Canonical.Sha256Hex(seen.Body)), Key, region, service, at);
        Assert.Equal(expected.Authorization, auth);
        Assert.Equal($"127.0.0.1:{url.Port}", seen.Headers["Host"]);
    }
}
