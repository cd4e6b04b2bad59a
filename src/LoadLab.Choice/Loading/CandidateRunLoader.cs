using LoadLab.Core.Errors;
using LoadLab.Core.Pricing;
using LoadLab.Core.RunFiles;

namespace LoadLab.Choice.Loading;

/// <summary>
/// Reads a parent run directory: candidates.json, each candidate's price (scenario, then --prices, then the
/// built-in table) and each sub-run's files. A candidate without a price, a missing candidates.json or a sub-run
/// directory that does not exist are located errors, all reported at once; a sub-run missing a stage's file is not an
/// error but an incomplete candidate.
/// </summary>
public static class CandidateRunLoader
{
    public static (string Region, IReadOnlyList<CandidateRun> Runs) Load(string parentDir, PriceTable? userPrices, string? regionOverride)
    {
        var path = Path.Combine(parentDir, CandidatesFile.FileName);
        if (!Directory.Exists(parentDir)) throw new UserInputException(parentDir, "", "the run directory does not exist");
        var file = RunJson.Read<CandidatesFile>(path,
            "candidates.json is missing: 'loadlab choose' reads a run of a scenario with candidates (see docs/choose.md)");
        var region = regionOverride ?? file.Region;
        var builtIn = PriceTable.BuiltIn();
        var problems = new List<Problem>();
        if (file.Candidates.Count == 0) problems.Add(Problem.General(path, "candidates", "lists no candidate"));
        var runs = new List<CandidateRun>();
        for (var i = 0; i < file.Candidates.Count; i++)
        {
            var c = file.Candidates[i];
            var quote = PriceResolver.Resolve(c.InstanceType, region, c.PricePerInstanceHourUsd, userPrices, builtIn);
            if (quote is null)
                problems.Add(Problem.General(path, $"candidates[{i}].instance_type", PriceResolver.Missing(c.InstanceType, region, userPrices, builtIn)));
            var dir = Path.Combine(parentDir, c.RunDirectory);
            if (!Directory.Exists(dir))
                problems.Add(Problem.General(path, $"candidates[{i}].run_directory", $"'{c.RunDirectory}' does not exist under {parentDir}"));
            if (quote is null || !Directory.Exists(dir)) continue;
            runs.Add(Read(c, quote, dir));
        }
        if (problems.Count > 0) throw new UserInputException(problems);
        return (region, runs);
    }

    private static CandidateRun Read(CandidateEntry entry, PriceQuote price, string dir)
    {
        var run = new RunDirectory(dir);
        var missing = new List<string>();
        T? Get<T>(string file) where T : class
        {
            if (File.Exists(file)) return RunJson.Read<T>(file);
            missing.Add(Path.GetFileName(file));
            return null;
        }
        var analysis = Get<AnalysisFile>(run.AnalysisJson);
        var recommendation = Get<RecommendationFile>(run.RecommendationJson);
        var simulation = Get<SimulationFile>(run.SimulationJson);
        return new CandidateRun(entry, price, dir, analysis, recommendation, simulation) { Missing = missing };
    }
}
