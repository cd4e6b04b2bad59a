using YamlDotNet.RepresentationModel;

namespace LoadLab.Core.Scenarios.Loading;

/// <summary>The <c>recommend</c> section: what the autoscaling recommendation assumes.</summary>
internal sealed partial class ScenarioReader
{
    private RecommendSpec? ReadRecommend(YamlNode node)
    {
        var f = YamlFields.Open(node, "recommend", sink);
        if (f is null) return null;
        f.RejectUnknown(ScenarioFields.Recommend);
        var before = sink.Items.Count;
        var peakRps = Positive(f, "peakRps");
        TimeSpan? startup = null;
        if (f.Get("instanceStartup") is YamlScalarNode { Value: { } v } && v.Trim().Equals("auto", StringComparison.OrdinalIgnoreCase))
            startup = null;
        else if (f.Get("instanceStartup") is not null)
        {
            startup = f.Duration("instanceStartup");
            if (startup is { } s && s <= TimeSpan.Zero) f.Problem("instanceStartup", "must be 'auto' or a duration > 0");
        }
        var price = NonNegative(f, "pricePerInstanceHour");
        var growth = f.Fraction("growthPerMinute");
        if (growth is <= 0) f.Problem("growthPerMinute", "must be > 0 (a fraction per minute like 0.1, or 10%)");
        var min = f.Integer("minCapacity");
        if (min is < 1) f.Problem("minCapacity", "must be at least 1 (a SageMaker variant keeps at least one instance)");
        var max = f.Integer("maxCapacity");
        if (max is < 1) f.Problem("maxCapacity", "must be at least 1");
        else if (max is not null && min is >= 1 && max < min) f.Problem("maxCapacity", $"must be >= minCapacity ({min})");
        if (sink.Items.Count > before) return null;
        return new RecommendSpec
        {
            PeakRps = peakRps,
            InstanceStartup = startup,
            PricePerInstanceHour = price,
            GrowthPerMinute = growth,
            MinCapacity = (int?)min,
            MaxCapacity = (int?)max,
        };
    }
}
