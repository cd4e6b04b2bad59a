namespace LoadLab.SimEndpoint.ControlPlane;

/// <summary>A variant as the control plane's DescribeEndpoint shows it.</summary>
public sealed record ControlPlaneVariant(string VariantName, int? DesiredInstanceCount, int? CurrentInstanceCount, double? DesiredWeight, double? CurrentWeight);

/// <summary>The endpoint as registered: what DescribeEndpoint said after create-or-find.</summary>
public sealed record Registration(string EndpointArn, string AccountId, string EndpointStatus, bool Created, IReadOnlyList<ControlPlaneVariant> Variants);

/// <summary>One variant's desired state, as UpdateEndpointWeightsAndCapacities carries it.</summary>
public sealed record DesiredVariant(string VariantName, int DesiredInstanceCount, double DesiredWeight);

/// <summary>
/// The SageMaker control plane the sim registers with (moto locally, or real AWS): the port the fleet talks to;
/// the adapter over LoadLab.Aws's SageMaker client implements it.
/// </summary>
public interface IControlPlane
{
    /// <summary>Where it is, for the start-up banner (no credentials).</summary>
    string Description { get; }

    /// <summary>Creates (or finds) the model, endpoint config and endpoint for these options.</summary>
    Task<Registration> RegisterAsync(Options.SimEndpointOptions options, CancellationToken ct);

    /// <summary>DescribeEndpoint's production variants.</summary>
    Task<IReadOnlyList<ControlPlaneVariant>> DescribeVariantsAsync(string endpointName, CancellationToken ct);

    /// <summary>UpdateEndpointWeightsAndCapacities with these variants.</summary>
    Task UpdateWeightsAndCapacitiesAsync(string endpointName, IReadOnlyList<DesiredVariant> variants, CancellationToken ct);
}
