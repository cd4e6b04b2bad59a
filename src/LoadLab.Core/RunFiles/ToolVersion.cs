using System.Reflection;

namespace LoadLab.Core.RunFiles;

/// <summary>The LoadLab version written into run files, reports and comparisons: one rule for all of them.</summary>
public static class ToolVersion
{
    /// <summary>The assembly's informational version without its source-revision suffix ("1.2.0+abc123" is "1.2.0").</summary>
    public static string Of(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split('+')[0]
        ?? assembly.GetName().Version?.ToString() ?? "0.0.0";
}
