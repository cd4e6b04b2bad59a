using System.Diagnostics;
using LoadLab.Aws.CloudWatch;
using LoadLab.Aws.Errors;
using LoadLab.Aws.Local;
using LoadLab.TestSupport;

namespace LoadLab.Aws.Tests.Integration;

public sealed class MotoServerProcessTests
{
    [Fact]
    public async Task A_missing_executable_says_how_to_install_moto()
    {
        var ex = await Assert.ThrowsAsync<MotoServerException>(() =>
            MotoServerProcess.StartAsync(new MotoServerOptions { Executable = "moto_server_that_does_not_exist" }));
        Assert.Contains("pip install 'moto[server]==5.2.1'", ex.Message);
        Assert.IsAssignableFrom<LoadLab.Core.Errors.TargetFailedException>(ex);
    }

    [Fact]
    public async Task It_starts_in_strict_auth_mode_and_Dispose_stops_the_process_by_pid()
    {
        var moto = await MotoServerProcess.StartAsync();
        var pid = moto.ProcessId;
        try
        {
            Assert.Equal("127.0.0.1", moto.Url.Host);
            Assert.StartsWith("AKIA", moto.AccessKeyId);
            Assert.False(string.IsNullOrEmpty(moto.SecretAccessKey));

            // An unknown access key is refused: authentication is on from the first call after setup.
            using (var stranger = AwsContext.ForLocal(moto.Url, new LoadLab.Aws.Signing.SigningCredentials("AKIAUNKNOWNKEY000000", "x"), moto.Region))
            {
                var ex = await Assert.ThrowsAsync<AwsServiceException>(() => stranger.CloudWatch().DescribeAlarmsAsync(new DescribeAlarmsRequest()));
                Assert.Equal("InvalidClientTokenId", ex.ErrorCode);
            }
            using var aws = moto.CreateAwsContext();
            Assert.Empty((await aws.CloudWatch().DescribeAlarmsAsync(new DescribeAlarmsRequest())).MetricAlarms);
        }
        finally
        {
            moto.Dispose();
        }
        Assert.True(moto.HasExited);
        Assert.False(IsRunning(pid), $"moto_server pid {pid} still running after Dispose");
        // Nothing answers on the port any more (the python server under the watchdog is gone too).
        using var probe = new System.Net.Sockets.TcpClient();
        await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(() => probe.ConnectAsync("127.0.0.1", moto.Url.Port));
    }

    [Fact]
    public void TempDir_and_FreePort_helpers_work()
    {
        string path;
        using (var dir = new TempDir())
        {
            path = dir.Path;
            var file = dir.Write("a/b.txt", "x");
            Assert.Equal("x", File.ReadAllText(file));
        }
        Assert.False(Directory.Exists(path));
        Assert.InRange(FreePort.Next(), 1024, 65535);
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
