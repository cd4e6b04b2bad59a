using LoadLab.Core.Scheduling;

namespace LoadLab.Core.AwsApi.Validation;

/// <summary>PutScheduledAction: name, schedule expression, time window and capacity.</summary>
public static partial class ScalingRequestValidator
{
    private static void CheckScheduledAction(Collector c, PutScheduledActionRequest r, string path)
    {
        CheckScheduledActionName(c, $"{path}.ScheduledActionName", r.ScheduledActionName);
        CheckResource(c, path, r.ServiceNamespace, r.ResourceId, r.ScalableDimension);
        if (string.IsNullOrWhiteSpace(r.Schedule)) c.Add($"{path}.Schedule", "is required (at(...), rate(...) or cron(...))");
        else if (r.Schedule.Length > AwsScalingLimits.MaxResourceIdLength) c.Add($"{path}.Schedule", $"is longer than {AwsScalingLimits.MaxResourceIdLength} characters");
        else if (ScheduleCheck(r.Schedule) is { } why) c.Add($"{path}.Schedule", why);
        if (r.Timezone is { } tz)
        {
            if (tz.Length == 0 || tz.Length > AwsScalingLimits.MaxResourceIdLength || !ScheduleExpression.TryResolveTimeZone(tz, out _, out _))
                c.Add($"{path}.Timezone", $"'{tz}' is not an IANA time zone name (e.g. Europe/Berlin, Etc/GMT+9)");
            else if (r.Schedule?.TrimStart().StartsWith("rate(", StringComparison.Ordinal) == true)
                c.Add($"{path}.Timezone", "applies only to at(...) and cron(...) schedules, not rate(...)");
        }
        if (r.StartTime is { } start && r.EndTime is { } end && start >= end)
            c.Add($"{path}.EndTime", $"must be after StartTime ({start:O} >= {end:O})");
        var a = r.ScalableTargetAction;
        if (a is null || (a.MinCapacity is null && a.MaxCapacity is null))
            c.Add($"{path}.ScalableTargetAction", "needs MinCapacity, MaxCapacity or both");
        else
        {
            var floor = MinimumCapacityFloor(r.ScalableDimension);
            if (a.MinCapacity < floor) c.Add($"{path}.ScalableTargetAction.MinCapacity", $"must be at least {floor} for {r.ScalableDimension}, got {a.MinCapacity}");
            if (a.MaxCapacity < floor) c.Add($"{path}.ScalableTargetAction.MaxCapacity", $"must be at least {floor}, got {a.MaxCapacity}");
            if (a.MinCapacity is { } min && a.MaxCapacity is { } max && min > max)
                c.Add($"{path}.ScalableTargetAction.MaxCapacity", $"MinCapacity ({min}) must not exceed MaxCapacity ({max})");
        }
    }

    private static void CheckScheduledActionName(Collector c, string path, string? name)
    {
        if (string.IsNullOrEmpty(name)) { c.Add(path, "is required"); return; }
        if (name.Length > AwsScalingLimits.MaxNameLength) c.Add(path, $"is {name.Length} characters long; AWS allows at most {AwsScalingLimits.MaxNameLength}");
        if (name.StartsWith(' ') || name.EndsWith(' ')) c.Add(path, $"'{name}' must not start or end with a space");
        if (name.Any(ch => char.IsControl(ch) || ch is ':' or '/' or '|')) c.Add(path, $"'{name}' must not contain ':', '/', '|' or control characters");
    }

    /// <summary>Returns why a schedule expression is not valid, or null when it is (the shared Scheduling parser decides).</summary>
    private static string? ScheduleCheck(string schedule) =>
        ScheduleExpression.TryParse(schedule, timezone: null, out _, out var error) ? null : error;
}
