using System.Globalization;

namespace LoadLab.Core.Scenarios;

/// <summary>A one-line description of a valid scenario: phases, total duration, and expected requests or peak users.</summary>
public sealed record ScenarioSummary(int Phases, TimeSpan Duration, LoadModel Model, double ExpectedRequests, double PeakUsers)
{
    public static ScenarioSummary Of(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var profile = RateProfile.For(scenario.Load);
        return new ScenarioSummary(scenario.Load.Phases.Count, profile.Duration, scenario.Load.Model,
            scenario.Load.Model == LoadModel.Open ? profile.TotalExpected : 0,
            scenario.Load.Model == LoadModel.Closed ? profile.MaxRate : 0);
    }

    /// <summary>e.g. "3 phases, 3m40s, ~25,200 requests" or "1 phase, 1m, up to 32 users".</summary>
    public override string ToString()
    {
        var phases = Phases == 1 ? "1 phase" : $"{Phases} phases";
        var load = Model == LoadModel.Open
            ? $"~{Math.Round(ExpectedRequests).ToString("N0", CultureInfo.InvariantCulture)} requests"
            : $"up to {Math.Round(PeakUsers).ToString("N0", CultureInfo.InvariantCulture)} users";
        return $"{phases}, {DurationText.Format(Duration)}, {load}";
    }
}
