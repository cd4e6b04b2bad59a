using System.Text;
using LoadLab.Aws;
using LoadLab.Aws.Config;
using LoadLab.Aws.Credentials;
using LoadLab.Aws.Signing;
using LoadLab.Core.Scenarios;
using LoadLab.Engine.Payloads;
using LoadLab.Engine.Targets;

namespace LoadLab.Engine.Tests;

/// <summary>A scenario's target.endpointUrl is SageMaker Runtime's URL, not every AWS service's.</summary>
public sealed class TargetEndpointUrlTests
{
    private const string Runtime = "http://127.0.0.1:18081/";
    private const string Moto = "http://127.0.0.1:15000/";

    private static Scenario SageMaker(string? endpointUrl) => new()
    {
        Name = "endpoint-url",
        Target = new TargetSpec { Kind = TargetKind.SageMaker, Endpoint = "ep", Region = "us-east-1", EndpointUrl = endpointUrl },
        Payload = new PayloadSpec { ContentType = "application/json", Inline = "{}" },
        Load = new LoadSpec { Phases = [new PhaseSpec { Shape = PhaseShape.Constant, Rate = 1, Duration = TimeSpan.FromSeconds(1) }] },
    };

    private static async Task<BuiltTarget> Build(Scenario scenario, string? commandLineUrl, Dictionary<string, string> env)
    {
        var settings = new TargetSettings("us-east-1", null, commandLineUrl)
        {
            Environment = AwsEnvironment.From(env),
            Credentials = new StaticCredentialSource(new SigningCredentials("AKIDEXAMPLE", "secret")),
        };
        var payloads = new PayloadSet([new Payload(Encoding.UTF8.GetBytes("{}"), "test")], "application/json");
        return await TargetFactory.CreateAsync(scenario, payloads, settings, 4, TimeProvider.System, CancellationToken.None);
    }

    [Fact]
    public async Task The_scenarios_endpoint_url_sends_invocations_there_and_leaves_describe_endpoint_to_the_environment()
    {
        var built = await Build(SageMaker(Runtime), null, new Dictionary<string, string> { ["AWS_ENDPOINT_URL"] = Moto });
        await built.Target.DisposeAsync();

        Assert.Equal(Runtime, built.Description.Url);
        using var aws = new AwsContext(built.Aws!);
        Assert.Equal(new Uri(Moto), aws.EndpointFor(AwsService.SageMaker));
        Assert.Equal(new Uri(Moto), aws.EndpointFor(AwsService.CloudWatch));
    }

    [Fact]
    public async Task Without_any_override_the_control_plane_goes_to_the_regions_public_endpoint()
    {
        var built = await Build(SageMaker(Runtime), null, []);
        await built.Target.DisposeAsync();

        using var aws = new AwsContext(built.Aws!);
        Assert.Equal(new Uri("https://api.sagemaker.us-east-1.amazonaws.com/"), aws.EndpointFor(AwsService.SageMaker));
        Assert.Equal(Runtime, built.Description.Url);
    }

    [Fact]
    public async Task The_command_lines_endpoint_url_still_applies_to_every_service_and_wins_over_the_scenario()
    {
        var built = await Build(SageMaker(Runtime), Moto, []);
        await built.Target.DisposeAsync();

        Assert.Equal(Moto, built.Description.Url);
        using var aws = new AwsContext(built.Aws!);
        Assert.Equal(new Uri(Moto), aws.EndpointFor(AwsService.SageMaker));
    }
}
