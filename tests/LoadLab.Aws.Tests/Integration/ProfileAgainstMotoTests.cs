using LoadLab.Aws.CloudWatch;
using LoadLab.Aws.Tests.Config;
using LoadLab.TestSupport;

namespace LoadLab.Aws.Tests.Integration;

/// <summary>End to end through AWSSDK.Core's profile chain: moto's key in a shared credentials file, --profile style.</summary>
[Collection(MotoCollection.Name)]
public sealed class ProfileAgainstMotoTests(MotoServer moto)
{
    [Fact]
    public async Task A_profile_from_the_shared_files_signs_requests_moto_accepts()
    {
        using var _ = new SharedFilesEnvironment(
            $"[moto]\naws_access_key_id = {moto.AccessKeyId}\naws_secret_access_key = {moto.SecretAccessKey}\n",
            $"[profile moto]\nregion = {moto.Region}\n");
        using var aws = new AwsContext(new AwsContextOptions { Profile = "moto", EndpointUrl = moto.Url.ToString() });
        Assert.Equal(moto.Region, aws.Region);
        var alarms = await aws.CloudWatch().DescribeAlarmsAsync(new DescribeAlarmsRequest { AlarmNamePrefix = "none-" });
        Assert.Empty(alarms.MetricAlarms);
    }
}
