using LoadLab.Aws.Config;
using LoadLab.Aws.Credentials;
using LoadLab.Core.Errors;

namespace LoadLab.Aws.Tests.Config;

[Collection(Integration.MotoCollection.Name)]
public sealed class CredentialChainTests
{
    private const string Credentials = """
        [loadlab-static]
        aws_access_key_id = AKIASTATICEXAMPLE001
        aws_secret_access_key = static/secret/EXAMPLE

        [loadlab-session]
        aws_access_key_id = ASIASESSIONEXAMPLE01
        aws_secret_access_key = session/secret/EXAMPLE
        aws_session_token = session-token-EXAMPLE
        """;

    private const string Config = """
        [profile loadlab-static]
        region = eu-central-1
        """;

    [Fact]
    public async Task A_named_profile_comes_from_the_shared_credentials_file()
    {
        using var _ = new SharedFilesEnvironment(Credentials, Config);
        var source = AwsCredentialResolver.Resolve("loadlab-static", AwsEnvironment.Process);
        var c = await source.GetAsync();
        Assert.Equal("AKIASTATICEXAMPLE001", c.AccessKeyId);
        Assert.Equal("static/secret/EXAMPLE", c.SecretAccessKey);
        Assert.Null(c.SessionToken);

        var s = await AwsCredentialResolver.Resolve("loadlab-session", AwsEnvironment.Process).GetAsync();
        Assert.Equal("session-token-EXAMPLE", s.SessionToken);
    }

    [Fact]
    public async Task AWS_PROFILE_selects_the_profile_when_no_flag_is_given()
    {
        using var _ = new SharedFilesEnvironment(Credentials, Config);
        Environment.SetEnvironmentVariable("AWS_PROFILE", "loadlab-session");
        var c = await AwsCredentialResolver.Resolve(null, AwsEnvironment.Process).GetAsync();
        Assert.Equal("ASIASESSIONEXAMPLE01", c.AccessKeyId);
    }

    [Fact]
    public void A_missing_profile_is_bad_input_naming_it()
    {
        using var _ = new SharedFilesEnvironment(Credentials, Config);
        var ex = Assert.Throws<UserInputException>(() => AwsCredentialResolver.Resolve("no-such-profile", AwsEnvironment.Process));
        Assert.Contains("no-such-profile", ex.Message);
        Assert.Contains("--profile", ex.Message);
    }

    [Fact]
    public void The_profile_region_comes_from_the_shared_config_file()
    {
        using var _ = new SharedFilesEnvironment(Credentials, Config);
        Assert.Equal("eu-central-1", AwsRegionResolver.RegionFromSharedConfig("loadlab-static"));
        Assert.Equal("eu-central-1", AwsRegionResolver.Resolve(null, "loadlab-static", AwsEnvironment.Process));
        Assert.Null(AwsRegionResolver.RegionFromSharedConfig("loadlab-session"));
    }

    [Fact]
    public async Task Environment_keys_are_used_by_the_default_chain()
    {
        using var _ = new SharedFilesEnvironment("", "");
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "AKIAENVEXAMPLE000001");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "env/secret/EXAMPLE");
        var c = await AwsCredentialResolver.Resolve(null, AwsEnvironment.Process).GetAsync();
        Assert.Equal("AKIAENVEXAMPLE000001", c.AccessKeyId);
        Assert.Equal("env/secret/EXAMPLE", c.SecretAccessKey);
    }
}
