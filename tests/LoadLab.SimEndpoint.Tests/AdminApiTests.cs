using System.Net;
using System.Text.Json;
using LoadLab.SimEndpoint.Options;

namespace LoadLab.SimEndpoint.Tests;

public sealed class AdminApiTests
{
    [Fact]
    public async Task Desired_instances_change_at_run_time_and_the_history_records_it()
    {
        var o = new SimEndpointOptions
        {
            ServiceTime = new(ServiceTimeKind.Fixed, TimeSpan.FromMilliseconds(1), 0),
            StartupDelay = TimeSpan.FromMilliseconds(300), StartupJitter = TimeSpan.Zero,
        };
        await using var sim = await SimHost.StartAsync(o);
        using var http = new HttpClient();

        using var put = await http.PutAsync(sim.Url + "/admin/instances", SimHost.Json("{\"desired\":3}"));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var now = JsonDocument.Parse(await put.Content.ReadAsStringAsync()).RootElement.GetProperty("variants")[0];
        Assert.Equal(3, now.GetProperty("desired").GetInt32());
        Assert.Equal(2, now.GetProperty("pending").GetInt32());
        Assert.Equal(1, now.GetProperty("in_service").GetInt32());

        var describing = JsonDocument.Parse(await http.GetStringAsync(sim.Url + "/admin/describe-endpoint")).RootElement;
        Assert.Equal("Updating", describing.GetProperty("EndpointStatus").GetString());
        Assert.Equal(1, describing.GetProperty("ProductionVariants")[0].GetProperty("CurrentInstanceCount").GetInt32());
        Assert.Equal(3, describing.GetProperty("ProductionVariants")[0].GetProperty("DesiredInstanceCount").GetInt32());

        Assert.True(SpinWait.SpinUntil(() => sim.Fleet.Variants[0].Routable.Length == 3, TimeSpan.FromSeconds(5)));
        describing = JsonDocument.Parse(await http.GetStringAsync(sim.Url + "/admin/describe-endpoint")).RootElement;
        Assert.Equal("InService", describing.GetProperty("EndpointStatus").GetString());
        Assert.Equal(3, describing.GetProperty("ProductionVariants")[0].GetProperty("CurrentInstanceCount").GetInt32());
        var history = JsonDocument.Parse(await http.GetStringAsync(sim.Url + "/admin/instances/history")).RootElement.GetProperty("points");
        var last = history[history.GetArrayLength() - 1];
        Assert.Equal(1, history[0].GetProperty("in_service").GetInt32());
        Assert.Equal(1, history[1].GetProperty("in_service").GetInt32());
        Assert.Equal(2, history[1].GetProperty("pending").GetInt32());
        Assert.Equal(3, last.GetProperty("in_service").GetInt32());
        Assert.Equal("admin", history[1].GetProperty("source").GetString());
        var started = DateTimeOffset.Parse(history[1].GetProperty("time_utc").GetString()!);
        var done = DateTimeOffset.Parse(last.GetProperty("time_utc").GetString()!);
        Assert.True(done - started >= TimeSpan.FromMilliseconds(290), $"in service after {(done - started).TotalMilliseconds} ms");

        // Traffic now reaches all three instances.
        var seen = new HashSet<string>();
        for (var k = 0; k < 60 && seen.Count < 3; k++)
        {
            using var r = await http.PostAsync(sim.InvocationsUrl, SimHost.Json());
            seen.Add(JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("instance").GetString()!);
        }
        Assert.Equal(3, seen.Count);

        using var down = await http.PutAsync(sim.Url + "/admin/instances", SimHost.Json("{\"desired\":1}"));
        Assert.True(SpinWait.SpinUntil(() => sim.Fleet.Variants[0].Counts() == (0, 1, 0), TimeSpan.FromSeconds(5)));
    }

    [Theory]
    [InlineData("{\"desired\":0}", "between 1 and")]
    [InlineData("{\"desired\":999}", "between 1 and")]
    [InlineData("{\"desired\":2,\"variant\":\"nope\"}", "no variant")]
    [InlineData("not json", "not JSON")]
    [InlineData("{}", "desired")]
    public async Task Bad_admin_requests_are_400_with_a_reason(string body, string reason)
    {
        await using var sim = await SimHost.StartAsync(new SimEndpointOptions());
        using var http = new HttpClient();
        using var r = await http.PutAsync(sim.Url + "/admin/instances", SimHost.Json(body));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Contains(reason, JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
        Assert.Equal(1, sim.Fleet.Variants[0].Desired);
    }
}
