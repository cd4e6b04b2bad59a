using LoadLab.Apply.Loading;

namespace LoadLab.Apply.Tests;

public class JsonLocatorTests
{
    private const string Doc = """
        {
          "endpoint": "ep",
          "PutScalingPolicy": [
            { "PolicyName": "a" },
            {
              "PolicyName": "b",
              "TargetTrackingScalingPolicyConfiguration": { "TargetValue": -1 }
            }
          ]
        }
        """;

    [Fact]
    public void Finds_nested_array_paths()
    {
        var l = new JsonLocator(Doc);
        Assert.Equal((7, 7), l.Find("PutScalingPolicy[1].TargetTrackingScalingPolicyConfiguration"));
        Assert.Equal(7, l.Find("PutScalingPolicy[1].TargetTrackingScalingPolicyConfiguration.TargetValue").Line);
        Assert.Equal(4, l.Find("PutScalingPolicy[0].PolicyName").Line);
        Assert.Equal(2, l.Find("endpoint").Line);
    }

    [Fact]
    public void Missing_fields_fall_back_to_the_nearest_ancestor()
    {
        var l = new JsonLocator(Doc);
        Assert.Equal(4, l.Find("PutScalingPolicy[0].StepScalingPolicyConfiguration.Cooldown").Line);
        Assert.Equal((0, 0), l.Find("Nope"));
    }
}
