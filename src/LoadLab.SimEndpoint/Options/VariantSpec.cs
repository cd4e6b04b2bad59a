using System.Globalization;
using System.Text.RegularExpressions;

namespace LoadLab.SimEndpoint.Options;

/// <summary>
/// One production variant as <c>--variant name[:weight[:instances[:service-time-factor[:instance-type]]]]</c> spells
/// it. Instances null (or empty) means "--instances". The service-time factor multiplies the endpoint's service time for
/// this variant (2 = half the speed), so one endpoint can hold a slow and a fast instance type; the instance type is
/// what the control plane reports for it.
/// </summary>
public sealed partial record VariantSpec(string Name, double Weight, int? Instances)
{
    /// <summary>Multiplies --service-time (and --service-time-per-kb) for this variant's requests (default 1).</summary>
    public double ServiceTimeFactor { get; init; } = 1;
    /// <summary>The instance type DescribeEndpointConfig reports (default: the sim's own, ml.m5.xlarge).</summary>
    public string? InstanceType { get; init; }

    // SageMaker's VariantName pattern: ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}
    [GeneratedRegex("^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$")]
    public static partial Regex NamePattern();

    [GeneratedRegex("^ml\\.[a-z0-9-]+\\.[a-z0-9-]+$")]
    private static partial Regex InstanceTypePattern();

    private const string Grammar = "name[:weight[:instances[:service-time-factor[:instance-type]]]]";

    public static bool TryParse(string? text, out VariantSpec spec, out string error)
    {
        spec = new VariantSpec("AllTraffic", 1, null);
        error = "";
        if (string.IsNullOrWhiteSpace(text)) { error = $"is empty; expected {Grammar}, e.g. AllTraffic:1"; return false; }
        var parts = text.Split(':', StringSplitOptions.TrimEntries);
        if (parts.Length > 5) { error = $"'{text}' has too many parts; expected {Grammar}"; return false; }
        if (!NamePattern().IsMatch(parts[0])) { error = $"'{parts[0]}' is not a SageMaker variant name (letters, digits, hyphens; at most 63)"; return false; }
        double weight = 1;
        if (parts.Length > 1 && (!double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out weight) || weight < 0 || double.IsNaN(weight) || double.IsInfinity(weight)))
        { error = $"weight '{parts[1]}' must be a number >= 0"; return false; }
        int? instances = null;
        if (parts.Length > 2 && parts[2].Length > 0)
        {
            if (!int.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < 1)
            { error = $"instances '{parts[2]}' must be an integer >= 1"; return false; }
            instances = n;
        }
        double factor = 1;
        if (parts.Length > 3 && (!double.TryParse(parts[3], NumberStyles.Float, CultureInfo.InvariantCulture, out factor) || !(factor > 0) || double.IsInfinity(factor)))
        { error = $"service-time factor '{parts[3]}' must be a number > 0 (2 = each request takes twice --service-time)"; return false; }
        string? instanceType = null;
        if (parts.Length > 4)
        {
            if (!InstanceTypePattern().IsMatch(parts[4])) { error = $"instance type '{parts[4]}' is not a SageMaker instance type (like ml.c5.xlarge)"; return false; }
            instanceType = parts[4];
        }
        spec = new VariantSpec(parts[0], weight, instances) { ServiceTimeFactor = factor, InstanceType = instanceType };
        return true;
    }
}
