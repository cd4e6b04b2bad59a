using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;
using LoadLab.Aws.Config;
using LoadLab.Core.Errors;

namespace LoadLab.Aws.Credentials;

/// <summary>
/// Credentials through AWSSDK.Core: a named profile (--profile or AWS_PROFILE) from the shared config and
/// credentials files, including SSO and role profiles; otherwise the SDK's default chain (environment variables,
/// the default profile, web identity, container and instance roles). Nothing here logs or stores a secret.
/// </summary>
public static class AwsCredentialResolver
{
    public static ICredentialSource Resolve(string? profile, AwsEnvironment env, TimeProvider? time = null)
    {
        var named = profile is { Length: > 0 } ? profile : env.Get("AWS_PROFILE");
        AWSCredentials sdk;
        if (named is not null)
        {
            if (!new CredentialProfileStoreChain().TryGetAWSCredentials(named, out sdk))
                throw new UserInputException(profile is { Length: > 0 } ? "--profile" : "AWS_PROFILE", "profile",
                    $"no usable profile '{named}' in the shared AWS config/credentials files");
        }
        else
        {
            try
            {
                sdk = DefaultAWSCredentialsIdentityResolver.GetCredentials(null);
            }
            catch (AmazonClientException ex)
            {
                throw new TargetFailedException(
                    "no AWS credentials found (environment, shared config/credentials files, SSO, container or instance role): " + ex.Message, ex);
            }
        }
        return new SdkCredentialSource(sdk, time);
    }
}
