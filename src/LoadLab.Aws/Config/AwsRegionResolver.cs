using Amazon.Runtime.CredentialManagement;
using LoadLab.Core.Errors;

namespace LoadLab.Aws.Config;

/// <summary>Region and profile as the AWS CLI resolves them.</summary>
public static class AwsRegionResolver
{
    /// <summary>--profile, then AWS_PROFILE, then "default".</summary>
    public static string ProfileName(string? profile, AwsEnvironment env) =>
        profile is { Length: > 0 } ? profile : env.Get("AWS_PROFILE") ?? "default";

    /// <summary>--region, then AWS_REGION, then AWS_DEFAULT_REGION, then the profile's region in the shared config.</summary>
    public static string Resolve(string? region, string? profile, AwsEnvironment env, Func<string, string?>? profileRegion = null)
    {
        if (region is { Length: > 0 }) return Check(region, "--region");
        if (env.Get("AWS_REGION") is { } r) return Check(r, "AWS_REGION");
        if (env.Get("AWS_DEFAULT_REGION") is { } d) return Check(d, "AWS_DEFAULT_REGION");
        var name = ProfileName(profile, env);
        if ((profileRegion ?? RegionFromSharedConfig)(name) is { Length: > 0 } p) return Check(p, $"profile '{name}'");
        throw new UserInputException("--region", "region",
            "no AWS region: pass --region, set AWS_REGION, or set region in the profile's section of ~/.aws/config");
    }

    public static string? RegionFromSharedConfig(string profileName)
    {
        try
        {
            return new CredentialProfileStoreChain().TryGetProfile(profileName, out var p) ? p.Region?.SystemName : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return null;
        }
    }

    private static string Check(string region, string source)
    {
        foreach (var c in region)
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
                throw new UserInputException(source, "region", $"'{region}' is not a region name (like us-east-1)");
        return region;
    }
}
