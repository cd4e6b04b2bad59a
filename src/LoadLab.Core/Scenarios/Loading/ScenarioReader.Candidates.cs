using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace LoadLab.Core.Scenarios.Loading;

/// <summary>
/// The <c>candidates</c> section: the instance types to choose between, each a variant of the target endpoint,
/// another endpoint, or (HTTP targets) another URL. Prices are checked later, against the price tables the run uses.
/// </summary>
internal sealed partial class ScenarioReader
{
    /// <summary>SageMaker allows at most 10 production variants on one endpoint.</summary>
    private const int MaxCandidates = 10;

    [GeneratedRegex("^ml\\.[a-z0-9-]+\\.[a-z0-9-]+$")]
    private static partial Regex InstanceTypeName();

    private List<CandidateSpec> ReadCandidates(YamlNode node, TargetSpec? target)
    {
        var result = new List<CandidateSpec>();
        if (node is not YamlSequenceNode list)
        {
            sink.Add(node, "candidates", $"expected a list of candidates ({{ instanceType: ml.c5.xlarge, variant: ... }}), got {YamlFields.Describe(node)}");
            return result;
        }
        if (list.Children.Count < 2) sink.Add(node, "candidates", "a choice needs at least two candidates");
        if (list.Children.Count > MaxCandidates) sink.Add(node, "candidates", $"at most {MaxCandidates} candidates (SageMaker's limit of production variants per endpoint)");
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < list.Children.Count; i++)
        {
            var c = ReadCandidate(list.Children[i], i, target);
            if (c is null) continue;
            if (!names.Add(c.Name))
                sink.Add(list.Children[i], $"candidates[{i}].name", $"'{c.Name}' names two candidates; each needs its own name (its sub-run folder)");
            result.Add(c);
        }
        return result;
    }

    private CandidateSpec? ReadCandidate(YamlNode node, int index, TargetSpec? target)
    {
        var path = $"candidates[{index}]";
        var f = YamlFields.Open(node, path, sink);
        if (f is null) return null;
        f.RejectUnknown(ScenarioFields.Candidate);
        var before = sink.Items.Count;
        var instanceType = f.String("instanceType", required: true)?.Trim();
        if (instanceType is not null && !InstanceTypeName().IsMatch(instanceType))
            f.Problem("instanceType", $"'{instanceType}' is not a SageMaker instance type (like ml.c5.xlarge or ml.g4dn.xlarge)");
        var variant = f.String("variant");
        var endpoint = f.String("endpoint");
        var url = f.String("url");
        var price = f.Number("pricePerInstanceHour");
        if (price is { } p && !(p > 0 && double.IsFinite(p))) f.Problem("pricePerInstanceHour", "must be a price > 0 in USD per instance-hour, like 0.23");
        if (target?.Kind == TargetKind.Http)
        {
            if (url is null && variant is null)
                f.Problem("url", "an HTTP target's candidate needs its own url, or a variant (sent as X-Amzn-SageMaker-Target-Variant to the target's url)");
            if (endpoint is not null) f.ProblemAtKey("endpoint", "is a SageMaker endpoint name and needs target.kind: sagemaker; an HTTP candidate takes url");
        }
        else if (target is not null)
        {
            if (url is not null) f.ProblemAtKey("url", "is for HTTP targets; a SageMaker candidate takes variant (and endpoint when it is another endpoint)");
            if (variant is null && endpoint is null)
                f.Problem("variant", "a SageMaker candidate needs its variant (routed to with TargetVariant) or its own endpoint");
        }
        var name = f.String("name") ?? variant ?? instanceType?.Replace('.', '-');
        if (name is not null && !ScenarioName().IsMatch(name))
            f.Problem(f.Has("name") ? "name" : "variant", $"'{name}' cannot name a sub-run folder: use letters, digits, '.', '_' or '-'");
        if (sink.Items.Count > before || instanceType is null || name is null) return null;
        return new CandidateSpec
        {
            Name = name, InstanceType = instanceType, Variant = variant, Endpoint = endpoint, Url = url, PricePerInstanceHour = price,
            Line = (int)node.Start.Line, Column = (int)node.Start.Column,
        };
    }
}
