using System.Globalization;
using LoadLab.Core.Errors;
using LoadLab.Core.RunFiles;

namespace LoadLab.Sharding.Merge;

/// <summary>One shard's run directory as the merge sees it: its run.json and its index in "i/N".</summary>
public sealed record ShardRun(RunDirectory Directory, RunInfo Info, int Index, int Count)
{
    /// <summary>Reads a shard's run.json; a directory that is no shard is bad input.</summary>
    public static ShardRun Load(string path)
    {
        var dir = new RunDirectory(path);
        if (!File.Exists(dir.RunJson))
            throw new UserInputException(path, "run.json", "missing: this shard has not started or its directory is wrong");
        var info = RunJson.ReadRun(dir.RunJson);
        // Its totals are unknown: merged in, they would be missing from the merged totals and thresholds, which would pass.
        ProvisionalRun.Refuse(dir.RunJson, info,
            $"the shard in {path} cannot be merged (nothing was written): wait for it (--wait) if it is still running, or leave it out and pass --partial to merge the others");

        var parts = (info.Shard ?? "").Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            throw new UserInputException(dir.RunJson, "shard", "this run directory is not a shard (run.json has no \"shard\": \"i/N\"); run it with --shard i/N");
        return new ShardRun(dir, info, index, count);
    }

    public bool Finished => Info.EndUtc is not null;
}
