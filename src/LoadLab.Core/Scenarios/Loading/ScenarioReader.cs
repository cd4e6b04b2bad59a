using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace LoadLab.Core.Scenarios.Loading;

/// <summary>
/// Maps a parsed YAML/JSON tree onto <see cref="Scenario"/>, validating as it goes. Every problem is recorded in the
/// sink and reading continues, so one pass reports everything wrong with a file. Each section is read in its own file
/// (ScenarioReader.Target.cs, .Payload.cs, .Slo.cs, .Load.cs, .Phases.cs, .Thresholds.cs, .Recommend.cs); the field
/// names each section takes come from <see cref="ScenarioFields"/>.
/// </summary>
internal sealed partial class ScenarioReader(ProblemSink sink, string baseDirectory, string displayDirectory)
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")]
    private static partial Regex ScenarioName();

    public Scenario? Read(YamlNode root, string sourcePath, string defaultName)
    {
        var top = YamlFields.Open(root, "", sink);
        if (top is null) return null;
        top.RejectUnknown(ScenarioFields.Top, ElsewhereHint);

        var name = top.String("name", required: top.Has("name"));
        var defaulted = name is null && !top.Has("name");
        if (defaulted) name = defaultName;
        if (name is not null && !ScenarioName().IsMatch(name))
            top.Problem("name", defaulted
                ? $"the file name '{name}' cannot name a run folder; add a name: using letters, digits, '.', '_' or '-'"
                : $"'{name}' cannot name a run folder: use letters, digits, '.', '_' or '-' (at most 80, starting with a letter or digit)");

        var target = top.Get("target") is { } t ? ReadTarget(t) : MissingSection<TargetSpec>(top, "target");
        var isSageMaker = target?.Kind != TargetKind.Http;
        var payload = top.Get("payload") is { } p ? ReadPayload(p, isSageMaker) : null;
        var slo = top.Get("slo") is { } s ? ReadSlo(s) : new SloSpec();
        var load = top.Get("load") is { } l ? ReadLoad(l) : MissingSection<LoadSpec>(top, "load");
        var thresholds = top.Get("thresholds") is { } th ? ReadThresholds(th) : [];
        var abortOnFail = top.Bool("abortOnFail") ?? false;
        if (abortOnFail && top.Get("thresholds") is null or YamlSequenceNode { Children.Count: 0 } or YamlMappingNode { Children.Count: 0 })
            top.Problem("abortOnFail", "needs thresholds to abort on");
        var recommend = top.Get("recommend") is { } r ? ReadRecommend(r) : new RecommendSpec();
        var seed = top.Integer("seed");
        var description = top.String("description");
        var candidates = top.Get("candidates") is { } cs ? ReadCandidates(cs, target) : [];

        if (sink.Items.Count > 0 || name is null || target is null || load is null || slo is null || recommend is null) return null;
        return new Scenario
        {
            Name = name,
            Description = description,
            Target = target,
            Payload = payload,
            Slo = slo,
            Load = load,
            Thresholds = thresholds,
            AbortOnFail = abortOnFail,
            Recommend = recommend,
            Seed = seed,
            SourcePath = sourcePath,
            Candidates = candidates,
        };
    }

    private static T? MissingSection<T>(YamlFields top, string key) where T : class
    {
        if (top.Has(key)) top.Problem(key, "has no value");
        else top.Problem(key, "is required");
        return null;
    }

    /// <summary>For a top-level key with no close top-level name: is it a field of a section (e.g. target.endpoint)?</summary>
    private static string? ElsewhereHint(string name)
    {
        if (NameSuggester.Suggest(name, ScenarioFields.Top) is not null) return null;
        foreach (var (section, fields, _) in ScenarioFields.Catalogue.Where(s => s.Path.Length > 0))
            if (NameSuggester.Suggest(name, fields) is { } hit && NameSuggester.Distance(name.ToLowerInvariant(), hit.ToLowerInvariant()) <= 1)
                return $"unknown field here (did you mean '{section}.{hit}'?)";
        if (ScenarioFields.AnyPhase.Contains(name))
            return "unknown field here (phase fields go in a list under load.phases)";
        return null;
    }
}
