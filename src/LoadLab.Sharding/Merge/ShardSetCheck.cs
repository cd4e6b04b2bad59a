using LoadLab.Core.Errors;

namespace LoadLab.Sharding.Merge;

/// <summary>
/// Checks that shard directories belong together: one scenario (as resolved), one seed, one shard count, and every
/// index exactly once. Missing shards are refused unless the merge is told to accept a partial run.
/// </summary>
public static class ShardSetCheck
{
    public static IReadOnlyList<string> Check(IReadOnlyList<ShardRun> shards, bool allowPartial)
    {
        var problems = new List<Problem>();
        var warnings = new List<string>();
        if (shards.Count == 0) throw new UserInputException("merge", "shards", "no shard directories given");
        var first = shards[0];
        var scenarioText = first.Info.Scenario?.GetRawText();
        foreach (var s in shards.Skip(1))
        {
            if (s.Info.ScenarioName != first.Info.ScenarioName || s.Info.Scenario?.GetRawText() != scenarioText)
                problems.Add(Problem.General(s.Directory.RunJson, "scenario", $"ran a different scenario ('{s.Info.ScenarioName}') than {first.Directory.Path} ('{first.Info.ScenarioName}')"));
            if (s.Info.Seed != first.Info.Seed)
                problems.Add(Problem.General(s.Directory.RunJson, "seed", $"seed {s.Info.Seed} differs from {first.Info.Seed} in {first.Directory.Path}: the shards' schedules would not add up to one run"));
            if (s.Count != first.Count)
                problems.Add(Problem.General(s.Directory.RunJson, "shard", $"is one of {s.Count} shards, but {first.Directory.Path} is one of {first.Count}"));
        }
        foreach (var dup in shards.GroupBy(s => s.Index).Where(g => g.Count() > 1))
            problems.Add(Problem.General(string.Join(", ", dup.Select(d => d.Directory.Path)), "shard", $"shard {dup.Key} given more than once"));

        var missing = Enumerable.Range(0, first.Count).Except(shards.Select(s => s.Index)).ToList();
        if (missing.Count > 0)
        {
            var text = $"shard(s) {string.Join(", ", missing)} of {first.Count} missing";
            if (allowPartial) warnings.Add(text + ": the merged run is partial and its rates are short by that share");
            else problems.Add(Problem.General("merge", "shards", text + " (pass --partial to merge what is there)"));
        }
        foreach (var s in shards.Where(s => s.Info.Interrupted))
            warnings.Add($"shard {s.Index} was interrupted: {s.Info.InterruptReason ?? "no reason recorded"}");
        foreach (var s in shards.Where(s => !s.Finished))
            warnings.Add($"shard {s.Index} has not finished (run.json has no end time); merging what it wrote");

        if (problems.Count > 0) throw new UserInputException(problems);
        return warnings;
    }
}
