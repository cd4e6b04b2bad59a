using LoadLab.Core.AwsApi;
using LoadLab.Core.Errors;

namespace LoadLab.Core.Scheduling;

/// <summary>
/// The schedule-related checks AWS applies to a PutScheduledAction request: the Schedule parses, the Timezone is known,
/// StartTime is not after EndTime. Capacity checks (Min &lt;= Max) belong to the request validator in AwsApi/Validation.
/// </summary>
public static class ScheduledActionRules
{
    public static IReadOnlyList<Problem> Check(PutScheduledActionRequest request, string source)
    {
        var problems = new List<Problem>();
        var name = string.IsNullOrEmpty(request.ScheduledActionName) ? "PutScheduledAction" : $"PutScheduledAction[{request.ScheduledActionName}]";
        if (!ScheduleExpression.TryParse(request.Schedule, request.Timezone, out _, out var error))
        {
            var isZone = error.StartsWith("Timezone", StringComparison.Ordinal);
            problems.Add(Problem.General(source, $"{name}.{(isZone ? "Timezone" : "Schedule")}", isZone ? error["Timezone: ".Length..] : error));
        }
        if (request.StartTime is { } s && request.EndTime is { } e && s > e)
            problems.Add(Problem.General(source, $"{name}.StartTime", $"StartTime {s:O} is after EndTime {e:O}"));
        return problems;
    }

    /// <summary>Parses the request's schedule or throws <see cref="UserInputException"/> with every problem found.</summary>
    public static ScheduleExpression ParseOrThrow(PutScheduledActionRequest request, string source)
    {
        var problems = Check(request, source);
        if (problems.Count > 0) throw new UserInputException(problems);
        return ScheduleExpression.Parse(request.Schedule, request.Timezone, source);
    }
}
