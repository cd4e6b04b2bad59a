using System.Text;
using LoadLab.Aws.Errors;
using LoadLab.Aws.SageMaker;
using LoadLab.Aws.SageMakerRuntime;
using LoadLab.TestSupport;

namespace LoadLab.Aws.Tests.Integration;

[Collection(MotoCollection.Name)]
public sealed class SageMakerMotoTests(MotoServer moto)
{
    /// <summary>Creates model, endpoint config and endpoint; returns the endpoint name.</summary>
    internal static async Task<string> CreateEndpointAsync(ISageMakerClient sm, string variant = "AllTraffic", int instances = 2)
    {
        var model = MotoServer.UniqueName("model");
        var config = MotoServer.UniqueName("config");
        var endpoint = MotoServer.UniqueName("ep");
        var m = await sm.CreateModelAsync(new CreateModelRequest
        {
            ModelName = model,
            ExecutionRoleArn = "arn:aws:iam::123456789012:role/loadlab-test",
            PrimaryContainer = new ContainerDefinition
            {
                Image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/model:latest",
                ModelDataUrl = "s3://bucket/model.tar.gz",
                Environment = new Dictionary<string, string> { ["SAGEMAKER_PROGRAM"] = "inference.py" },
            },
            Tags = [new Tag { Key = "owner", Value = "loadlab" }],
        });
        Assert.Contains(model, m.ModelArn);
        var c = await sm.CreateEndpointConfigAsync(new CreateEndpointConfigRequest
        {
            EndpointConfigName = config,
            ProductionVariants =
            [
                new ProductionVariant { VariantName = variant, ModelName = model, InitialInstanceCount = instances, InstanceType = "ml.m5.large", InitialVariantWeight = 1 },
            ],
        });
        Assert.Contains(config, c.EndpointConfigArn);
        var e = await sm.CreateEndpointAsync(new CreateEndpointRequest { EndpointName = endpoint, EndpointConfigName = config });
        Assert.Contains(endpoint, e.EndpointArn);
        return endpoint;
    }

    [Fact]
    public async Task Create_describe_update_and_delete_an_endpoint()
    {
        using var aws = MotoContexts.For(moto);
        var sm = aws.SageMaker();
        var endpoint = await CreateEndpointAsync(sm, "AllTraffic", 2);

        var d = await sm.DescribeEndpointAsync(new DescribeEndpointRequest { EndpointName = endpoint });
        Assert.Equal(endpoint, d.EndpointName);
        Assert.NotNull(d.EndpointStatus);
        Assert.NotNull(d.CreationTime);
        Assert.True(d.CreationTime > DateTimeOffset.UtcNow.AddDays(-1), "CreationTime parsed from epoch seconds");
        var variant = Assert.Single(d.ProductionVariants);
        Assert.Equal("AllTraffic", variant.VariantName);

        var cfg = await sm.DescribeEndpointConfigAsync(new DescribeEndpointConfigRequest { EndpointConfigName = d.EndpointConfigName! });
        var pv = Assert.Single(cfg.ProductionVariants);
        Assert.Equal(2, pv.InitialInstanceCount);
        Assert.Equal("ml.m5.large", pv.InstanceType);

        var u = await sm.UpdateEndpointWeightsAndCapacitiesAsync(new UpdateEndpointWeightsAndCapacitiesRequest
        {
            EndpointName = endpoint,
            DesiredWeightsAndCapacities = [new DesiredWeightAndCapacity { VariantName = "AllTraffic", DesiredInstanceCount = 4, DesiredWeight = 1 }],
        });
        Assert.Equal(d.EndpointArn, u.EndpointArn);
        var after = await sm.DescribeEndpointAsync(new DescribeEndpointRequest { EndpointName = endpoint });
        Assert.Equal(4, Assert.Single(after.ProductionVariants).DesiredInstanceCount);

        // An unknown variant is rejected, as AWS does.
        var bad = await Assert.ThrowsAsync<AwsServiceException>(() => sm.UpdateEndpointWeightsAndCapacitiesAsync(new UpdateEndpointWeightsAndCapacitiesRequest
        {
            EndpointName = endpoint,
            DesiredWeightsAndCapacities = [new DesiredWeightAndCapacity { VariantName = "Nope", DesiredInstanceCount = 1 }],
        }));
        Assert.Equal("ValidationException", bad.ErrorCode);

        await sm.DeleteEndpointAsync(new DeleteEndpointRequest { EndpointName = endpoint });
        var gone = await Assert.ThrowsAsync<AwsServiceException>(() => sm.DescribeEndpointAsync(new DescribeEndpointRequest { EndpointName = endpoint }));
        Assert.Equal("ValidationException", gone.ErrorCode);
        Assert.Contains(endpoint, gone.ErrorMessage);
    }

    [Fact]
    public async Task InvokeEndpoint_is_signed_verified_and_maps_headers_both_ways()
    {
        using var aws = MotoContexts.For(moto);
        var endpoint = MotoServer.UniqueName("rt");
        // moto's runtime answers from a queue configured through its own API (not an AWS call, not authenticated).
        using (var http = new HttpClient())
        {
            const string results = """
                {"results":[{"Body":"{\"score\":0.9}","ContentType":"application/json","InvokedProductionVariant":"VariantB","CustomAttributes":"trace=1"}]}
                """;
            var queued = await http.PostAsync(new Uri(moto.Url, "moto-api/static/sagemaker/endpoint-results"),
                new StringContent(results, Encoding.UTF8, "application/json"));
            queued.EnsureSuccessStatusCode();
        }

        var body = Encoding.UTF8.GetBytes("{\"inputs\":[1,2,3]}");
        var runtime = aws.SageMakerRuntime(LoadLab.Aws.Http.AwsRetryOptions.NoRetries);
        var r = await runtime.InvokeEndpointAsync(new InvokeEndpointRequest
        {
            EndpointName = endpoint,
            Body = body,
            ContentType = "application/json",
            Accept = "application/json",
            CustomAttributes = "c=1",
            TargetVariant = "VariantB",
            InferenceId = "inf-1",
        }, LoadLab.Aws.Signing.SigV4Canonical.Sha256Hex(body));

        Assert.Equal("{\"score\":0.9}", Encoding.UTF8.GetString(r.Body));
        Assert.Equal("VariantB", r.InvokedProductionVariant);
        Assert.Equal("trace=1", r.CustomAttributes);
        Assert.StartsWith("application/json", r.ContentType);
    }

    [Fact]
    public async Task InvokeEndpoint_with_a_wrong_precomputed_hash_fails_signature_verification()
    {
        using var aws = MotoContexts.For(moto);
        var runtime = aws.SageMakerRuntime(LoadLab.Aws.Http.AwsRetryOptions.NoRetries);
        var ex = await Assert.ThrowsAsync<AwsServiceException>(() => runtime.InvokeEndpointAsync(
            new InvokeEndpointRequest { EndpointName = "any", Body = "abc"u8.ToArray(), ContentType = "text/csv" },
            LoadLab.Aws.Signing.SigV4Canonical.Sha256Hex("something else"u8)));
        Assert.Equal("SignatureDoesNotMatch", ex.ErrorCode);
    }
}
