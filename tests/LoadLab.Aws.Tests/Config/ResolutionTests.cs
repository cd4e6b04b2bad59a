using LoadLab.Aws.Config;
using LoadLab.Core.Errors;

namespace LoadLab.Aws.Tests.Config;

public sealed class ResolutionTests
{
    private static AwsEnvironment Env(params (string, string)[] vars) => AwsEnvironment.From(vars.ToDictionary(v => v.Item1, v => v.Item2));

    [Fact]
    public void Default_endpoints_follow_the_prefix_region_pattern()
    {
        var env = Env();
        Assert.Equal("https://runtime.sagemaker.eu-west-1.amazonaws.com/", AwsEndpointResolver.Resolve(AwsService.SageMakerRuntime, "eu-west-1", null, env).ToString());
        Assert.Equal("https://api.sagemaker.eu-west-1.amazonaws.com/", AwsEndpointResolver.Resolve(AwsService.SageMaker, "eu-west-1", null, env).ToString());
        Assert.Equal("https://monitoring.eu-west-1.amazonaws.com/", AwsEndpointResolver.Resolve(AwsService.CloudWatch, "eu-west-1", null, env).ToString());
        Assert.Equal("https://application-autoscaling.eu-west-1.amazonaws.com/", AwsEndpointResolver.Resolve(AwsService.ApplicationAutoScaling, "eu-west-1", null, env).ToString());
        Assert.Equal("https://monitoring.cn-north-1.amazonaws.com.cn/", AwsEndpointResolver.Resolve(AwsService.CloudWatch, "cn-north-1", null, env).ToString());
    }

    [Fact]
    public void Service_variables_are_named_as_the_AWS_SDKs_name_them()
    {
        Assert.Equal("AWS_ENDPOINT_URL_SAGEMAKER", AwsService.SageMaker.EndpointEnvironmentVariable);
        Assert.Equal("AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME", AwsService.SageMakerRuntime.EndpointEnvironmentVariable);
        Assert.Equal("AWS_ENDPOINT_URL_CLOUDWATCH", AwsService.CloudWatch.EndpointEnvironmentVariable);
        Assert.Equal("AWS_ENDPOINT_URL_APPLICATION_AUTO_SCALING", AwsService.ApplicationAutoScaling.EndpointEnvironmentVariable);
    }

    [Fact]
    public void Endpoint_precedence_is_flag_then_service_variable_then_global_variable()
    {
        var env = Env(("AWS_ENDPOINT_URL", "http://127.0.0.1:5000"), ("AWS_ENDPOINT_URL_CLOUDWATCH", "http://127.0.0.1:6000/cw"));
        Assert.Equal("http://127.0.0.1:6000/cw/", AwsEndpointResolver.Resolve(AwsService.CloudWatch, "us-east-1", null, env).ToString());
        Assert.Equal("http://127.0.0.1:5000/", AwsEndpointResolver.Resolve(AwsService.SageMaker, "us-east-1", null, env).ToString());
        Assert.Equal("http://127.0.0.1:7000/", AwsEndpointResolver.Resolve(AwsService.CloudWatch, "us-east-1", "http://127.0.0.1:7000", env).ToString());
        var ignoring = Env(("AWS_ENDPOINT_URL", "http://127.0.0.1:5000"), ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"));
        Assert.Equal("https://api.sagemaker.us-east-1.amazonaws.com/", AwsEndpointResolver.Resolve(AwsService.SageMaker, "us-east-1", null, ignoring).ToString());
    }

    [Fact]
    public void A_malformed_endpoint_url_is_bad_input_naming_its_source()
    {
        var ex = Assert.Throws<UserInputException>(() => AwsEndpointResolver.Resolve(AwsService.SageMaker, "us-east-1", null, Env(("AWS_ENDPOINT_URL_SAGEMAKER", "ftp://x"))));
        Assert.Contains("AWS_ENDPOINT_URL_SAGEMAKER", ex.Message);
        Assert.Throws<UserInputException>(() => AwsEndpointResolver.Resolve(AwsService.SageMaker, "us-east-1", "not a url", Env()));
    }

    [Fact]
    public void Region_precedence_is_flag_then_AWS_REGION_then_AWS_DEFAULT_REGION_then_profile()
    {
        string? NoProfile(string _) => null;
        Assert.Equal("eu-west-1", AwsRegionResolver.Resolve("eu-west-1", null, Env(("AWS_REGION", "us-west-2")), NoProfile));
        Assert.Equal("us-west-2", AwsRegionResolver.Resolve(null, null, Env(("AWS_REGION", "us-west-2"), ("AWS_DEFAULT_REGION", "ap-south-1")), NoProfile));
        Assert.Equal("ap-south-1", AwsRegionResolver.Resolve(null, null, Env(("AWS_DEFAULT_REGION", "ap-south-1")), NoProfile));
        Assert.Equal("sa-east-1", AwsRegionResolver.Resolve(null, "team", Env(), p => p == "team" ? "sa-east-1" : null));
        Assert.Equal("sa-east-1", AwsRegionResolver.Resolve(null, null, Env(("AWS_PROFILE", "team")), p => p == "team" ? "sa-east-1" : null));
        var ex = Assert.Throws<UserInputException>(() => AwsRegionResolver.Resolve(null, null, Env(), NoProfile));
        Assert.Contains("--region", ex.Message);
        Assert.Throws<UserInputException>(() => AwsRegionResolver.Resolve("US East", null, Env(), NoProfile));
    }

    [Fact]
    public void Profile_name_is_flag_then_AWS_PROFILE_then_default()
    {
        Assert.Equal("a", AwsRegionResolver.ProfileName("a", Env(("AWS_PROFILE", "b"))));
        Assert.Equal("b", AwsRegionResolver.ProfileName(null, Env(("AWS_PROFILE", "b"))));
        Assert.Equal("default", AwsRegionResolver.ProfileName(null, Env()));
    }
}
