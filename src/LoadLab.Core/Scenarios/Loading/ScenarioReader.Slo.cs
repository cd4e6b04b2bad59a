using YamlDotNet.RepresentationModel;

namespace LoadLab.Core.Scenarios.Loading;

/// <summary>The <c>slo</c> section: the latency percentile and bound, and the error-rate bound.</summary>
internal sealed partial class ScenarioReader
{
    private SloSpec? ReadSlo(YamlNode node)
    {
        var f = YamlFields.Open(node, "slo", sink);
        if (f is null) return null;
        f.RejectUnknown(ScenarioFields.Slo);
        var slo = new SloSpec();
        var ok = true;
        if (f.Get("latency") is { } latencyNode)
        {
            var l = YamlFields.Open(latencyNode, "slo.latency", sink);
            if (l is null) ok = false;
            else
            {
                l.RejectUnknown(ScenarioFields.SloLatency);
                var percentile = l.Number("percentile");
                if (percentile is <= 0 or >= 100)
                {
                    l.Problem("percentile", $"must be between 0 and 100 (exclusive), e.g. 90 or 99.9; got {Num(percentile.Value)}");
                    ok = false;
                }
                var ms = l.Number("ms");
                if (ms is <= 0)
                {
                    l.Problem("ms", "must be > 0");
                    ok = false;
                }
                slo = slo with { LatencyPercentile = percentile ?? slo.LatencyPercentile, LatencyMs = ms ?? slo.LatencyMs };
            }
        }
        var maxErrorRate = f.Fraction("maxErrorRate");
        if (maxErrorRate is < 0 or > 1)
        {
            f.Problem("maxErrorRate", $"must be a fraction from 0 to 1 (or a percentage like 1%); got {Num(maxErrorRate.Value)}");
            ok = false;
        }
        return ok ? slo with { MaxErrorRate = maxErrorRate ?? slo.MaxErrorRate } : null;
    }
}
