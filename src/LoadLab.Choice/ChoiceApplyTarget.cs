using LoadLab.Choice.Model;
using LoadLab.Core.Errors;
using LoadLab.Core.RunFiles;

namespace LoadLab.Choice;

/// <summary>What applying a choice means: the winner's recommendation.json, on the winner's variant and instance type.</summary>
public sealed record ChoiceApplyTarget(string RecommendationPath, string Candidate, string InstanceType, string? Variant, int MinCapacity);

public static class ChoiceApplyTargets
{
    /// <summary>True when <paramref name="path"/> is a run directory holding choice.json.</summary>
    public static bool IsChoiceDirectory(string path) => Directory.Exists(path) && File.Exists(Path.Combine(path, ChooseService.JsonFileName));

    /// <summary>The winner of the choice in <paramref name="runDir"/>; no winner is bad input (there is nothing to apply).</summary>
    public static ChoiceApplyTarget Resolve(string runDir)
    {
        var path = Path.Combine(runDir, ChooseService.JsonFileName);
        var choice = RunJson.Read<ChoiceFile>(path);
        if (choice.Winner is null)
            throw new UserInputException(path, "winner", "no candidate holds the SLO, so there is no choice to apply: " + choice.Verdict);
        var w = choice.Candidates.Single(c => c.Name == choice.Winner);
        var rec = Path.Combine(runDir, w.RunDirectory, "recommendation.json");
        if (!File.Exists(rec)) throw new UserInputException(rec, "", $"the winner {w.Name}'s recommendation.json is missing");
        return new ChoiceApplyTarget(rec, w.Name, w.InstanceType, w.Variant, w.MinCapacity ?? 1);
    }
}
