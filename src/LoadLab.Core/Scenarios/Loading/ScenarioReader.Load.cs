using YamlDotNet.RepresentationModel;

namespace LoadLab.Core.Scenarios.Loading;

/// <summary>The <c>load</c> section: the load model, its options and the list of phases.</summary>
internal sealed partial class ScenarioReader
{
    private LoadSpec? ReadLoad(YamlNode node)
    {
        var f = YamlFields.Open(node, "load", sink);
        if (f is null) return null;
        f.RejectUnknown(ScenarioFields.Load);
        var modelText = f.Choice("model", ["open", "closed"]);
        var model = modelText == "closed" ? LoadModel.Closed : LoadModel.Open;
        var defaults = new LoadSpec { Phases = [] };

        long? maxInFlight = null;
        if (f.Has("maxInFlight"))
        {
            if (model == LoadModel.Closed)
                f.ProblemAtKey("maxInFlight", "applies to the open model only (in the closed model the users are the concurrency)");
            else
            {
                maxInFlight = f.Integer("maxInFlight");
                if (maxInFlight is <= 0 or > int.MaxValue) f.Problem("maxInFlight", "must be a whole number > 0");
            }
        }
        TimeSpan? thinkTime = null;
        if (f.Has("thinkTime"))
        {
            if (model == LoadModel.Open)
                f.ProblemAtKey("thinkTime", "applies to the closed model only (set load.model: closed)");
            else thinkTime = f.Duration("thinkTime");
        }
        var gracefulStop = f.Duration("gracefulStop");
        var arrivals = ReadArrivals(f, model);
        long? warmupRequests = null;
        if (f.Has("warmupRequests"))
        {
            warmupRequests = f.Integer("warmupRequests");
            if (warmupRequests is < 0 or > 10_000) f.Problem("warmupRequests", "must be a whole number from 0 (none) to 10000");
        }

        List<PhaseSpec>? phases = null;
        var phasesNode = f.Get("phases");
        if (phasesNode is null) f.Problem("phases", f.Has("phases") ? "must list at least one phase" : "is required");
        else if (phasesNode is not YamlSequenceNode list)
            sink.Add(phasesNode, "load.phases", $"expected a list of phases, got {YamlFields.Describe(phasesNode)}");
        else if (list.Children.Count == 0)
            sink.Add(phasesNode, "load.phases", "must list at least one phase");
        else
        {
            phases = [];
            for (var i = 0; i < list.Children.Count; i++)
            {
                var phase = ReadPhase(list.Children[i], i, model);
                if (phase is null) phases = null;
                else phases?.Add(phase);
            }
        }
        if (phases is null || modelText is null && f.Get("model") is not null) return null;
        return new LoadSpec
        {
            Model = model,
            Phases = phases,
            MaxInFlight = (int)(maxInFlight ?? defaults.MaxInFlight),
            ThinkTime = thinkTime ?? defaults.ThinkTime,
            GracefulStop = gracefulStop ?? defaults.GracefulStop,
            Arrivals = arrivals,
            WarmupRequests = (int)(warmupRequests is >= 0 and <= 10_000 ? warmupRequests.Value : defaults.WarmupRequests),
        };
    }

    private static ArrivalProcess? ReadArrivals(YamlFields f, LoadModel model)
    {
        if (!f.Has("arrivals")) return null;
        if (model == LoadModel.Closed)
        {
            f.ProblemAtKey("arrivals", "applies to the open model only (in the closed model users send when their previous request ends)");
            return null;
        }
        return f.Choice("arrivals", ScenarioFields.ArrivalChoices) switch
        {
            "poisson" => ArrivalProcess.Poisson,
            "uniform" => ArrivalProcess.Uniform,
            _ => null,
        };
    }
}
