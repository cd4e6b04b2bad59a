using System.CommandLine;

namespace LoadLab.Cli.Infrastructure;

/// <summary>
/// AWS-CLI-style global options. They are recursive, so they work before or after the command name.
/// Empty values fall back to AWS_REGION, AWS_PROFILE and AWS_ENDPOINT_URL (and AWS_ENDPOINT_URL_&lt;SERVICE&gt;),
/// resolved in the AWS layer so every entry point behaves the same.
/// </summary>
public static class GlobalOptions
{
    public static readonly Option<string?> Region = new("--region")
    { Description = "AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, then the profile's region).", Recursive = true };

    public static readonly Option<string?> Profile = new("--profile")
    { Description = "Named profile from the shared AWS config and credentials files (default: AWS_PROFILE).", Recursive = true };

    public static readonly Option<string?> EndpointUrl = new("--endpoint-url")
    { Description = "Override every AWS service URL (default: AWS_ENDPOINT_URL, or AWS_ENDPOINT_URL_<SERVICE> per service).", Recursive = true };

    public static void AddTo(RootCommand root)
    {
        root.Options.Add(Region);
        root.Options.Add(Profile);
        root.Options.Add(EndpointUrl);
    }

    public static AwsSettings Read(ParseResult parse) =>
        new(parse.GetValue(Region), parse.GetValue(Profile), parse.GetValue(EndpointUrl));

    /// <summary>The AWS context every command uses: region, profile and endpoint URL as the AWS CLI resolves them.</summary>
    public static LoadLab.Aws.AwsContext CreateAwsContext(ParseResult parse)
    {
        var s = Read(parse);
        return LoadLab.Aws.AwsContext.Create(s.Region, s.Profile, s.EndpointUrl);
    }
}

/// <summary>What the user said about AWS on the command line; the AWS layer resolves the rest from the environment.</summary>
public sealed record AwsSettings(string? Region, string? Profile, string? EndpointUrl);
