using LoadLab.Aws.ApplicationAutoScaling;
using LoadLab.Aws.Errors;
using LoadLab.Core.AwsApi;
using LoadLab.TestSupport;

namespace LoadLab.Aws.Tests.Integration;

[Collection(MotoCollection.Name)]
public sealed class ApplicationAutoScalingMotoTests(MotoServer moto)
{
    [Fact]
    public async Task Scalable_target_policies_and_scheduled_actions_full_lifecycle()
    {
        using var aws = MotoContexts.For(moto);
        var endpoint = await SageMakerMotoTests.CreateEndpointAsync(aws.SageMaker());
        var aas = aws.ApplicationAutoScaling();
        var resource = ScalingConstants.VariantResourceId(endpoint, "AllTraffic");

        await aas.RegisterScalableTargetAsync(new RegisterScalableTargetRequest
        {
            ResourceId = resource, MinCapacity = 1, MaxCapacity = 8,
            SuspendedState = new SuspendedState { ScheduledScalingSuspended = false },
        });
        var targets = await aas.DescribeAllScalableTargetsAsync(new DescribeScalableTargetsRequest { ResourceIds = [resource] });
        var target = Assert.Single(targets);
        Assert.Equal(resource, target.ResourceId);
        Assert.Equal(1, target.MinCapacity);
        Assert.Equal(8, target.MaxCapacity);
        Assert.Equal(ScalingConstants.VariantDesiredInstanceCount, target.ScalableDimension);
        Assert.NotNull(target.CreationTime);

        var tt = await aas.PutScalingPolicyAsync(new PutScalingPolicyRequest
        {
            PolicyName = "tt-invocations", ResourceId = resource, PolicyType = PolicyTypes.TargetTrackingScaling,
            TargetTrackingScalingPolicyConfiguration = new TargetTrackingScalingPolicyConfiguration
            {
                TargetValue = 700,
                PredefinedMetricSpecification = new PredefinedMetricSpecification { PredefinedMetricType = ScalingConstants.InvocationsPerInstanceMetric },
                ScaleInCooldown = 300, ScaleOutCooldown = 60,
            },
        });
        Assert.Contains("tt-invocations", tt.PolicyARN);

        await aas.PutScalingPolicyAsync(new PutScalingPolicyRequest
        {
            PolicyName = "tt-custom", ResourceId = resource, PolicyType = PolicyTypes.TargetTrackingScaling,
            TargetTrackingScalingPolicyConfiguration = new TargetTrackingScalingPolicyConfiguration
            {
                TargetValue = 70,
                CustomizedMetricSpecification = new CustomizedMetricSpecification
                {
                    MetricName = "CPUUtilization", Namespace = "/aws/sagemaker/Endpoints", Statistic = "Average", Unit = "Percent",
                    Dimensions = [new MetricDimension { Name = "EndpointName", Value = endpoint }, new MetricDimension { Name = "VariantName", Value = "AllTraffic" }],
                },
                DisableScaleIn = true,
            },
        });

        var step = await aas.PutScalingPolicyAsync(new PutScalingPolicyRequest
        {
            PolicyName = "step-out", ResourceId = resource, PolicyType = PolicyTypes.StepScaling,
            StepScalingPolicyConfiguration = new StepScalingPolicyConfiguration
            {
                AdjustmentType = AdjustmentTypes.ChangeInCapacity, Cooldown = 120, MetricAggregationType = "Average",
                StepAdjustments =
                [
                    new StepAdjustment { MetricIntervalLowerBound = 0, MetricIntervalUpperBound = 200, ScalingAdjustment = 1 },
                    new StepAdjustment { MetricIntervalLowerBound = 200, ScalingAdjustment = 3 },
                ],
            },
        });
        Assert.Contains("step-out", step.PolicyARN);

        var policies = await aas.DescribeAllScalingPoliciesAsync(new DescribeScalingPoliciesRequest { ResourceId = resource });
        Assert.Equal(["step-out", "tt-custom", "tt-invocations"], policies.Select(p => p.PolicyName).Order());
        var ttDescribed = policies.Single(p => p.PolicyName == "tt-invocations");
        Assert.Equal(700, ttDescribed.TargetTrackingScalingPolicyConfiguration!.TargetValue);
        Assert.Equal(60, ttDescribed.TargetTrackingScalingPolicyConfiguration.ScaleOutCooldown);
        Assert.Equal(ScalingConstants.InvocationsPerInstanceMetric, ttDescribed.TargetTrackingScalingPolicyConfiguration.PredefinedMetricSpecification!.PredefinedMetricType);
        var custom = policies.Single(p => p.PolicyName == "tt-custom").TargetTrackingScalingPolicyConfiguration!.CustomizedMetricSpecification!;
        Assert.Equal("CPUUtilization", custom.MetricName);
        Assert.Equal(2, custom.Dimensions!.Count);
        var stepDescribed = policies.Single(p => p.PolicyName == "step-out").StepScalingPolicyConfiguration!;
        Assert.Equal(2, stepDescribed.StepAdjustments!.Count);
        Assert.Null(stepDescribed.StepAdjustments[1].MetricIntervalUpperBound);
        Assert.Equal(3, stepDescribed.StepAdjustments[1].ScalingAdjustment);

        var start = DateTimeOffset.UtcNow.AddDays(1);
        await aas.PutScheduledActionAsync(new PutScheduledActionRequest
        {
            ScheduledActionName = "weekday-morning", ResourceId = resource, Schedule = "cron(0 8 ? * MON-FRI *)", Timezone = "Europe/Berlin",
            StartTime = new DateTimeOffset(start.Year, start.Month, start.Day, 0, 0, 0, TimeSpan.Zero),
            ScalableTargetAction = new ScalableTargetAction { MinCapacity = 3, MaxCapacity = 8 },
        });
        await aas.PutScheduledActionAsync(new PutScheduledActionRequest
        {
            ScheduledActionName = "one-off", ResourceId = resource, Schedule = "at(2030-01-01T00:00:00)",
            ScalableTargetAction = new ScalableTargetAction { MinCapacity = 1 },
        });
        var actions = await aas.DescribeAllScheduledActionsAsync(new DescribeScheduledActionsRequest { ResourceId = resource });
        Assert.Equal(2, actions.Count);
        var morning = actions.Single(a => a.ScheduledActionName == "weekday-morning");
        Assert.Equal("cron(0 8 ? * MON-FRI *)", morning.Schedule);
        Assert.Equal("Europe/Berlin", morning.Timezone);
        Assert.Equal(3, morning.ScalableTargetAction!.MinCapacity);
        Assert.Equal(new DateTimeOffset(start.Year, start.Month, start.Day, 0, 0, 0, TimeSpan.Zero), morning.StartTime);

        await aas.DeleteScheduledActionAsync(new DeleteScheduledActionRequest { ScheduledActionName = "one-off", ResourceId = resource });
        Assert.Single(await aas.DescribeAllScheduledActionsAsync(new DescribeScheduledActionsRequest { ResourceId = resource }));

        foreach (var name in new[] { "step-out", "tt-custom", "tt-invocations" })
            await aas.DeleteScalingPolicyAsync(new DeleteScalingPolicyRequest { PolicyName = name, ResourceId = resource });
        Assert.Empty(await aas.DescribeAllScalingPoliciesAsync(new DescribeScalingPoliciesRequest { ResourceId = resource }));

        await aas.DeregisterScalableTargetAsync(new DeregisterScalableTargetRequest { ResourceId = resource });
        Assert.Empty(await aas.DescribeAllScalableTargetsAsync(new DescribeScalableTargetsRequest { ResourceIds = [resource] }));
    }

    [Fact]
    public async Task Deleting_a_policy_that_does_not_exist_is_a_typed_error()
    {
        using var aws = MotoContexts.For(moto);
        var ex = await Assert.ThrowsAsync<AwsServiceException>(() => aws.ApplicationAutoScaling().DeleteScalingPolicyAsync(
            new DeleteScalingPolicyRequest { PolicyName = "missing", ResourceId = ScalingConstants.VariantResourceId("none", "AllTraffic") }));
        Assert.False(string.IsNullOrEmpty(ex.ErrorCode));
        Assert.Equal("Application Auto Scaling", ex.Service);
        Assert.Equal("DeleteScalingPolicy", ex.Operation);
        Assert.True((int)ex.StatusCode is >= 400 and < 500);
    }
}
