using System.Net;
using System.Text;
using LoadLab.Aws.Errors;

namespace LoadLab.Aws.Tests.Errors;

public sealed class AwsErrorParserTests
{
    private static AwsServiceException Parse(HttpStatusCode status, string body, params (string, string)[] headers)
    {
        var h = headers.ToDictionary(x => x.Item1, x => x.Item2, StringComparer.OrdinalIgnoreCase);
        return AwsErrorParser.Parse(status, h, Encoding.UTF8.GetBytes(body), "Application Auto Scaling", "PutScalingPolicy");
    }

    [Fact]
    public void Json_type_with_namespace_prefix_and_lower_case_message()
    {
        var ex = Parse(HttpStatusCode.BadRequest, """{"__type":"com.amazonaws.applicationautoscaling#ValidationException","message":"Minimum capacity cannot be greater than maximum capacity"}""",
            ("x-amzn-RequestId", "a1b2"));
        Assert.Equal("ValidationException", ex.ErrorCode);
        Assert.Equal("Minimum capacity cannot be greater than maximum capacity", ex.ErrorMessage);
        Assert.Equal("a1b2", ex.RequestId);
        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Equal("Application Auto Scaling", ex.Service);
        Assert.Equal("PutScalingPolicy", ex.Operation);
        Assert.Equal("ValidationException: Minimum capacity cannot be greater than maximum capacity (request id a1b2)", ex.Message);
    }

    [Fact]
    public void Capitalised_Message_and_plain_type_as_moto_sends_them()
    {
        var ex = Parse(HttpStatusCode.BadRequest, """{"__type":"ObjectNotFoundException","Message":"No scalable target registered"}""");
        Assert.Equal("ObjectNotFoundException", ex.ErrorCode);
        Assert.Equal("No scalable target registered", ex.ErrorMessage);
        Assert.Null(ex.RequestId);
        Assert.Equal("ObjectNotFoundException: No scalable target registered", ex.Message);
    }

    [Fact]
    public void Code_field_and_error_type_header_with_url_suffix()
    {
        Assert.Equal("ModelError", Parse(HttpStatusCode.FailedDependency, """{"code":"ModelError","message":"x"}""").ErrorCode);
        Assert.Equal("ValidationError", Parse(HttpStatusCode.BadRequest, "", ("x-amzn-ErrorType", "ValidationError:http://internal.amazon.com/coral/com.amazon.coral.validate/")).ErrorCode);
    }

    [Fact]
    public void Query_compatible_code_header_wins_for_CloudWatch()
    {
        var ex = Parse(HttpStatusCode.NotFound, """{"__type":"com.amazonaws.cloudwatch#ResourceNotFoundException","message":"gone"}""",
            ("x-amzn-query-error", "ResourceNotFound;Sender"));
        Assert.Equal("ResourceNotFound", ex.ErrorCode);
        Assert.Equal("gone", ex.ErrorMessage);
    }

    [Fact]
    public void Xml_error_documents_are_understood()
    {
        var ex = Parse(HttpStatusCode.Forbidden,
            "<?xml version=\"1.0\"?><ErrorResponse><Errors><Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match</Message></Error></Errors><RequestId>r-9</RequestId></ErrorResponse>");
        Assert.Equal("SignatureDoesNotMatch", ex.ErrorCode);
        Assert.StartsWith("The request signature", ex.ErrorMessage);
        Assert.Equal("r-9", ex.RequestId);
    }

    [Fact]
    public void Unparseable_bodies_fall_back_to_the_status()
    {
        var ex = Parse(HttpStatusCode.InternalServerError, "<html><body>boom</body>");
        Assert.Equal("Http500", ex.ErrorCode);
        Assert.Equal("Http500: (no message)", ex.Message);
        Assert.Equal("TooManyRequestsException", Parse((HttpStatusCode)429, "").ErrorCode);
        Assert.Equal("Http502", Parse(HttpStatusCode.BadGateway, "bad gateway").ErrorCode);
        Assert.Equal("bad gateway", Parse(HttpStatusCode.BadGateway, "bad gateway").ErrorMessage);
    }

    [Fact]
    public void It_is_a_TargetFailedException_so_the_CLI_exits_3()
    {
        Assert.IsAssignableFrom<LoadLab.Core.Errors.TargetFailedException>(Parse(HttpStatusCode.BadRequest, "{}"));
    }
}
