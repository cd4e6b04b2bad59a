using System.Globalization;
using System.Text.RegularExpressions;

namespace LoadLab.SimEndpoint.Options;

/// <summary>
/// One production variant as <c>--variant name[:weight[:instances]]</c> spells it. Instances null means "--instances".
/// </summary>
public sealed partial record VariantSpec(string Name, double Weight, int? Instances)
{
    // SageMaker's VariantName pattern: ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}
    [GeneratedRegex("^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$")]
    public static partial Regex NamePattern();

    public static bool TryParse(string? text, out VariantSpec spec, out string error)
    {
        spec = new VariantSpec("AllTraffic", 1, null);
        error = "";
        if (string.IsNullOrWhiteSpace(text)) { error = "is empty; expected name[:weight[:instances]], e.g. AllTraffic:1"; return false; }
        var parts = text.Split(':', StringSplitOptions.TrimEntries);
        if (parts.Length > 3) { error = $"'{text}' has too many parts; expected name[:weight[:instances]]"; return false; }
        if (!NamePattern().IsMatch(parts[0])) { error = $"'{parts[0]}' is not a SageMaker variant name (letters, digits, hyphens; at most 63)"; return false; }
        double weight = 1;
        if (parts.Length > 1 && (!double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out weight) || weight < 0 || double.IsNaN(weight) || double.IsInfinity(weight)))
        { error = $"weight '{parts[1]}' must be a number >= 0"; return false; }
        int? instances = null;
        if (parts.Length > 2)
        {
            if (!int.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < 1)
            { error = $"instances '{parts[2]}' must be an integer >= 1"; return false; }
            instances = n;
        }
        spec = new VariantSpec(parts[0], weight, instances);
        return true;
    }
}
