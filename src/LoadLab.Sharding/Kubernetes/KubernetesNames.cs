using System.Text.RegularExpressions;

namespace LoadLab.Sharding.Kubernetes;

/// <summary>Kubernetes object-name rules (RFC 1123), so a manifest is never rejected by the API server for its names.</summary>
public static partial class KubernetesNames
{
    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$")]
    private static partial Regex DnsSubdomain();

    public static bool IsDnsLabel(string s) => DnsLabel().IsMatch(s);
    public static bool IsDnsSubdomain(string s) => DnsSubdomain().IsMatch(s);

    /// <summary>Turns a scenario name into a valid label: lower case, '-' for anything else, trimmed to fit a suffix.</summary>
    public static string FromScenario(string scenarioName, int maxLength = 40)
    {
        var chars = scenarioName.ToLowerInvariant().Select(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' ? c : '-').ToArray();
        var s = Regex.Replace(new string(chars), "-+", "-").Trim('-');
        if (s.Length > maxLength) s = s[..maxLength].Trim('-');
        return s.Length == 0 ? "scenario" : s;
    }
}
