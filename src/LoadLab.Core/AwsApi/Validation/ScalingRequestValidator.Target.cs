using System.Text.RegularExpressions;

namespace LoadLab.Core.AwsApi.Validation;

/// <summary>RegisterScalableTarget: the resource, its dimension and the capacity bounds.</summary>
public static partial class ScalingRequestValidator
{
    private static void CheckTarget(Collector c, RegisterScalableTargetRequest r, string path)
    {
        CheckResource(c, path, r.ServiceNamespace, r.ResourceId, r.ScalableDimension);
        var floor = MinimumCapacityFloor(r.ScalableDimension);
        if (r.MinCapacity is null) c.Add($"{path}.MinCapacity", "is required when registering a scalable target");
        else if (r.MinCapacity < floor)
            c.Add($"{path}.MinCapacity", floor == 1
                ? $"must be at least 1 for {r.ScalableDimension} (0 is allowed only for inference components), got {r.MinCapacity}"
                : $"must be at least 0, got {r.MinCapacity}");
        if (r.MaxCapacity is null) c.Add($"{path}.MaxCapacity", "is required when registering a scalable target");
        else if (r.MaxCapacity < 1)
            c.Add($"{path}.MaxCapacity", $"must be at least 1, got {r.MaxCapacity}");
        if (r.MinCapacity is { } min && r.MaxCapacity is { } max && min > max)
            c.Add($"{path}.MaxCapacity", $"MinCapacity ({min}) must not exceed MaxCapacity ({max})");
        if (r.RoleARN is { } role && !role.StartsWith("arn:", StringComparison.Ordinal))
            c.Add($"{path}.RoleARN", $"must be an ARN (arn:...), got '{role}'");
    }

    private static void CheckResource(Collector c, string path, string ns, string resourceId, string dimension)
    {
        if (string.IsNullOrEmpty(ns)) c.Add($"{path}.ServiceNamespace", "is required");
        else if (!AwsScalingLimits.ServiceNamespaces.Contains(ns)) c.Add($"{path}.ServiceNamespace", $"'{ns}' is not an Application Auto Scaling namespace");
        if (string.IsNullOrEmpty(resourceId)) { c.Add($"{path}.ResourceId", "is required"); return; }
        if (resourceId.Length > AwsScalingLimits.MaxResourceIdLength) c.Add($"{path}.ResourceId", $"is longer than {AwsScalingLimits.MaxResourceIdLength} characters");
        if (string.IsNullOrEmpty(dimension)) { c.Add($"{path}.ScalableDimension", "is required"); return; }
        if (ns != ScalingConstants.SageMakerNamespace) return;
        if (!AwsScalingLimits.SageMakerDimensions.Contains(dimension))
        { c.Add($"{path}.ScalableDimension", $"'{dimension}' is not a SageMaker scalable dimension (valid: {string.Join(", ", AwsScalingLimits.SageMakerDimensions.Order())})"); return; }
        if (dimension == AwsScalingLimits.InferenceComponentDimension)
        {
            if (!InferenceComponentIdRegex().IsMatch(resourceId))
                c.Add($"{path}.ResourceId", $"'{resourceId}' is not 'inference-component/NAME'");
        }
        else if (!VariantIdRegex().IsMatch(resourceId))
            c.Add($"{path}.ResourceId", $"'{resourceId}' is not 'endpoint/ENDPOINT/variant/VARIANT' with SageMaker names (letters, digits, hyphens; up to 63 characters)");
    }

    [GeneratedRegex(@"^endpoint/[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}/variant/[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$")]
    private static partial Regex VariantIdRegex();

    [GeneratedRegex(@"^inference-component/[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$")]
    private static partial Regex InferenceComponentIdRegex();
}
