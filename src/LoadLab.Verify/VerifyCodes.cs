namespace LoadLab.Verify;

/// <summary>
/// The stable codes of the findings <c>verify.json</c> carries. A comparison left out because its input was not given
/// is info (the user chose it); one that failed, or an AWS read that failed, is a warning (a figure the reader expects
/// is missing or weaker). docs/warnings.md lists them; keep the two in step.
/// </summary>
public static class VerifyCodes
{
    public const string NoPolicy = "verify.no_policy";
    public const string NoAnalysis = "verify.no_analysis";
    public const string NoRequests = "verify.no_requests";
    public const string PredictionSkipped = "verify.prediction_skipped";
    public const string SamplingFailed = "verify.sampling_failed";
    public const string ActivitiesUnread = "verify.scaling_activities_unread";
    public const string AlarmsUnread = "verify.alarms_unread";
    public const string MetricUnread = "verify.invocations_per_instance_unread";
}
