using System.CommandLine;

namespace LoadLab.Cli.Infrastructure;

/// <summary>
/// AWS-CLI-style options, on the commands that talk to AWS only (<see cref="AwsCommands"/>): a command that does
/// not would accept them and ignore them. Empty values fall back to AWS_REGION, AWS_PROFILE and AWS_ENDPOINT_URL
/// (and AWS_ENDPOINT_URL_&lt;SERVICE&gt;), resolved in the AWS layer so every entry point behaves the same.
/// </summary>
public static class GlobalOptions
{
    public static readonly Option<string?> Region = new("--region")
    { Description = "AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, then the profile's region)." };

    public static readonly Option<string?> Profile = new("--profile")
    { Description = "Named profile from the shared AWS config and credentials files (default: AWS_PROFILE)." };

    public static readonly Option<string?> EndpointUrl = new("--endpoint-url")
    { Description = "Override every AWS service URL (default: AWS_ENDPOINT_URL, or AWS_ENDPOINT_URL_<SERVICE> per service)." };

    /// <summary>The commands that call AWS (or, for k8s-job, pass the options on to the shards' commands).</summary>
    public static IReadOnlySet<string> AwsCommands { get; } =
        new HashSet<string>(StringComparer.Ordinal) { "run", "collect", "simulate", "apply", "verify", "probe-startup", "merge", "k8s-job", "sim-endpoint" };

    /// <summary>Adds --region, --profile and --endpoint-url to the commands of <see cref="AwsCommands"/>.</summary>
    public static void AddTo(Command command)
    {
        if (!AwsCommands.Contains(command.Name)) return;
        command.Options.Add(Region);
        command.Options.Add(Profile);
        command.Options.Add(EndpointUrl);
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
