using LoadLab.Aws.Errors;
using LoadLab.Aws.SageMaker;
using LoadLab.SimEndpoint.ControlPlane;
using LoadLab.SimEndpoint.Options;

namespace LoadLab.SimEndpoint.Aws;

/// <summary>
/// The SageMaker control plane through LoadLab.Aws's client: create-or-find of model, endpoint config and
/// endpoint; DescribeEndpoint; UpdateEndpointWeightsAndCapacities.
/// </summary>
public sealed class SageMakerControlPlane(ISageMakerClient sageMaker, string description) : IControlPlane
{
    /// <summary>Image named in the model; nothing pulls it (the sim is the container).</summary>
    public const string Image = "loadlab/sim-endpoint:local";
    public const string InstanceType = "ml.m5.large";

    public string Description { get; } = description;

    public static string ModelName(string endpoint) => Trim63(endpoint + "-model");
    public static string ConfigName(string endpoint) => Trim63(endpoint + "-config");

    private static string Trim63(string s) => s.Length <= 63 ? s : s[..63].TrimEnd('-');

    public async Task<Registration> RegisterAsync(SimEndpointOptions o, CancellationToken ct)
    {
        var existing = await TryDescribeAsync(o.EndpointName, ct).ConfigureAwait(false);
        if (existing is not null) return ToRegistration(existing, created: false, o.AccountId);

        var role = $"arn:aws:iam::{o.AccountId}:role/LoadLabSimEndpoint";
        await IgnoreAlreadyExists(() => sageMaker.CreateModelAsync(new CreateModelRequest
        {
            ModelName = ModelName(o.EndpointName),
            PrimaryContainer = new ContainerDefinition { Image = Image, Environment = new Dictionary<string, string> { ["LOADLAB_SIM"] = "1" } },
            ExecutionRoleArn = role,
            Tags = [new Tag { Key = "loadlab", Value = "sim-endpoint" }],
        }, ct)).ConfigureAwait(false);
        await IgnoreAlreadyExists(() => sageMaker.CreateEndpointConfigAsync(new CreateEndpointConfigRequest
        {
            EndpointConfigName = ConfigName(o.EndpointName),
            ProductionVariants = o.Variants.Select(v => new ProductionVariant
            {
                VariantName = v.Name,
                ModelName = ModelName(o.EndpointName),
                InitialInstanceCount = o.InitialInstances(v),
                InstanceType = v.InstanceType ?? InstanceType,
                InitialVariantWeight = (float)v.Weight,
                RoutingConfig = new ProductionVariantRoutingConfig
                {
                    RoutingStrategy = o.Routing == RoutingKind.Random ? "RANDOM" : "LEAST_OUTSTANDING_REQUESTS",
                },
            }).ToArray(),
            Tags = [new Tag { Key = "loadlab", Value = "sim-endpoint" }],
        }, ct)).ConfigureAwait(false);
        await sageMaker.CreateEndpointAsync(new CreateEndpointRequest
        {
            EndpointName = o.EndpointName,
            EndpointConfigName = ConfigName(o.EndpointName),
            Tags = [new Tag { Key = "loadlab", Value = "sim-endpoint" }],
        }, ct).ConfigureAwait(false);
        var described = await sageMaker.DescribeEndpointAsync(new DescribeEndpointRequest { EndpointName = o.EndpointName }, ct).ConfigureAwait(false);
        return ToRegistration(described, created: true, o.AccountId);
    }

    public async Task<IReadOnlyList<ControlPlaneVariant>> DescribeVariantsAsync(string endpointName, CancellationToken ct)
    {
        var d = await sageMaker.DescribeEndpointAsync(new DescribeEndpointRequest { EndpointName = endpointName }, ct).ConfigureAwait(false);
        return d.ProductionVariants.Select(ToVariant).ToArray();
    }

    public Task UpdateWeightsAndCapacitiesAsync(string endpointName, IReadOnlyList<DesiredVariant> variants, CancellationToken ct) =>
        sageMaker.UpdateEndpointWeightsAndCapacitiesAsync(new UpdateEndpointWeightsAndCapacitiesRequest
        {
            EndpointName = endpointName,
            DesiredWeightsAndCapacities = variants.Select(v => new DesiredWeightAndCapacity
            {
                VariantName = v.VariantName,
                DesiredInstanceCount = v.DesiredInstanceCount,
                DesiredWeight = (float)v.DesiredWeight,
            }).ToArray(),
        }, ct);

    private async Task<DescribeEndpointResponse?> TryDescribeAsync(string name, CancellationToken ct)
    {
        try { return await sageMaker.DescribeEndpointAsync(new DescribeEndpointRequest { EndpointName = name }, ct).ConfigureAwait(false); }
        catch (AwsServiceException ex) when (ex.ErrorCode is "ValidationException" or "ValidationError" && ex.ErrorMessage.Contains("not find", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
    }

    private static async Task IgnoreAlreadyExists(Func<Task> create)
    {
        try { await create().ConfigureAwait(false); }
        catch (AwsServiceException ex) when (ex.ErrorCode is "ValidationException" or "ValidationError"
                                             && (ex.ErrorMessage.Contains("already exist", StringComparison.OrdinalIgnoreCase)
                                                 || ex.ErrorMessage.Contains("existing", StringComparison.OrdinalIgnoreCase)))
        {
            // Found rather than created: a second start of the same endpoint name reuses them.
        }
    }

    private static ControlPlaneVariant ToVariant(ProductionVariantSummary v) =>
        new(v.VariantName, v.DesiredInstanceCount, v.CurrentInstanceCount, v.DesiredWeight, v.CurrentWeight);

    private static Registration ToRegistration(DescribeEndpointResponse d, bool created, string fallbackAccount)
    {
        var arn = d.EndpointArn ?? "";
        // arn:aws:sagemaker:<region>:<account>:endpoint/<name>
        var parts = arn.Split(':');
        var account = parts.Length > 4 && parts[4].Length == 12 ? parts[4] : fallbackAccount;
        return new Registration(arn, account, d.EndpointStatus ?? "Unknown", created, d.ProductionVariants.Select(ToVariant).ToArray());
    }
}
