namespace LoadLab.Core.Iac;

/// <summary>CloudFormation template syntax; CloudFormation reads both.</summary>
public enum CloudFormationSyntax { Json, Yaml }

/// <summary>How the emitted code is written. Every default keeps the code self-contained and environment-neutral.</summary>
public sealed record IacOptions
{
    public static readonly IacOptions Default = new();

    /// <summary>Named in the header comment, e.g. "loadlab apply --emit cli" (default "LoadLab").</summary>
    public string Generator { get; init; } = "LoadLab";

    /// <summary>
    /// AWS CLI only: passed as --region on every call. Default null: the CLI's usual settings (AWS_REGION, profile)
    /// decide, so the script is not tied to one region.
    /// </summary>
    public string? Region { get; init; }

    /// <summary>CloudFormation only (default <see cref="CloudFormationSyntax.Json"/>).</summary>
    public CloudFormationSyntax CloudFormationSyntax { get; init; } = CloudFormationSyntax.Json;
}
