using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using LoadLab.Core.Errors;
using LoadLab.Core.Json;

namespace LoadLab.Apply.Files;

/// <summary>
/// <c>rollback.json</c> as written since rollback points are kept: it names the oldest rollback point of its directory
/// that has not been restored (null when every one has been).
/// </summary>
public sealed record RollbackPointer
{
    public const string PointerKind = "rollback_pointer";
    public int FormatVersion { get; init; } = 1;
    /// <summary>Always <see cref="PointerKind"/>: tells a pointer from a rollback.json that is itself a saved state.</summary>
    public string Kind { get; init; } = PointerKind;
    /// <summary>File name of the rollback point, in the pointer's directory; null: nothing left to restore.</summary>
    public string? RollbackPoint { get; init; }
    public DateTimeOffset? SavedAt { get; init; }
}

/// <summary>Written next to a rollback point once it has been restored (or superseded by restoring an older one).</summary>
public sealed record RestoredMarker
{
    public int FormatVersion { get; init; } = 1;
    public required DateTimeOffset RestoredAt { get; init; }
    /// <summary>The rollback point whose restore made this one done (itself, or an older one).</summary>
    public required string By { get; init; }
}

/// <summary>
/// The rollback points of one directory. Each apply saves the prior state in a new file
/// (<c>rollback-20261127T120000.000Z.json</c>) that is never overwritten; <c>rollback.json</c> points to the oldest one
/// not yet restored, so however often an apply is re-run, rolling back returns to the state before the first of them.
/// Restoring a point marks it and every newer point restored (the live state is then older than all of them).
/// </summary>
public sealed partial class RollbackJournal(string directory, TimeProvider time)
{
    public string Directory { get; } = Path.GetFullPath(directory);
    public string PointerPath => Path.Combine(Directory, ApplyFileNames.Rollback);

    [GeneratedRegex(@"^rollback-(\d{8}T\d{6}\.\d{3}Z)(?:-(\d+))?\.json$")]
    private static partial Regex PointName();

    /// <summary>Saves a new rollback point (never replacing a file) and points rollback.json at the oldest un-restored one.</summary>
    public string Save(RollbackFile state)
    {
        KeepLegacyPointer();
        var path = CreateNew(Directory, "rollback-", state.SavedAt, LoadLabJson.Serialize(state));
        UpdatePointer();
        return path;
    }

    /// <summary>Every rollback point, oldest first.</summary>
    public IReadOnlyList<string> Points() =>
        !System.IO.Directory.Exists(Directory) ? [] :
        System.IO.Directory.EnumerateFiles(Directory, "rollback-*.json")
            .Select(p => (Path: p, Match: PointName().Match(Path.GetFileName(p))))
            .Where(x => x.Match.Success)
            .OrderBy(x => x.Match.Groups[1].Value, StringComparer.Ordinal)
            .ThenBy(x => x.Match.Groups[2].Success ? int.Parse(x.Match.Groups[2].Value, CultureInfo.InvariantCulture) : 1)
            .Select(x => x.Path)
            .ToList();

    public static string MarkerPath(string point) => Path.ChangeExtension(point, ".restored.json");

    public static bool IsRestored(string point) => File.Exists(MarkerPath(point));

    public string? OldestUnrestored() => Points().FirstOrDefault(p => !IsRestored(p));

    /// <summary>After <paramref name="point"/> was restored: it and every newer point are done.</summary>
    public void MarkRestored(string point)
    {
        var full = Path.GetFullPath(point);
        var points = Points();
        var from = points.ToList().FindIndex(p => string.Equals(p, full, StringComparison.Ordinal));
        if (from < 0) return; // a rollback file outside this journal (e.g. copied elsewhere): nothing to mark
        var marker = LoadLabJson.Serialize(new RestoredMarker { RestoredAt = time.GetUtcNow(), By = Path.GetFileName(full) });
        foreach (var p in points.Skip(from).Where(p => !IsRestored(p)))
            AtomicFile.WriteAllText(MarkerPath(p), marker);
        UpdatePointer();
    }

    /// <summary>
    /// Refuses an apply into this directory while the last one there ended partly applied and its rollback point was
    /// not restored since: a new apply would take the half-applied state for the one to keep.
    /// </summary>
    public void RefuseAfterPartialApply(bool allowed)
    {
        var appliedPath = Path.Combine(Directory, ApplyFileNames.Applied);
        if (allowed || !File.Exists(appliedPath)) return;
        AppliedFile last;
        try { last = LoadLabJson.Deserialize<AppliedFile>(File.ReadAllText(appliedPath)); }
        catch (JsonException) { return; } // not ours to judge; the apply writes a new one
        if (!AppliedFile.Statuses.IsPartial(last.Status)) return;
        if (last.RollbackFile is { } point && File.Exists(point) && IsRestored(point)) return;
        var undo = last.RollbackFile ?? PointerPath;
        throw new UserInputException(appliedPath, "status",
            $"the last apply in {Directory} ended partly applied ({last.Status}, started {last.StartedAt:O}): the live " +
            $"configuration may be neither the old one nor the new one. Restore it first with 'loadlab apply --rollback {undo} --yes', " +
            $"or pass --after-partial-apply to apply on top of it (rollback.json keeps pointing at the state before it)");
    }

    public void UpdatePointer()
    {
        var oldest = OldestUnrestored();
        LoadLabJson.WriteFile(PointerPath, new RollbackPointer
        {
            RollbackPoint = oldest is null ? null : Path.GetFileName(oldest),
            SavedAt = oldest is null ? null : LoadLabJson.Deserialize<RollbackFile>(File.ReadAllText(oldest)).SavedAt,
        });
    }

    /// <summary>
    /// The rollback point a path means: a pointer (rollback.json) resolves to the point it names; a rollback point, or a
    /// rollback.json written before points were kept, is itself. Null when the pointer says nothing is left to restore.
    /// </summary>
    public static string? Resolve(string path)
    {
        if (!File.Exists(path)) throw new UserInputException(path, "", "file not found");
        if (!IsPointer(path, out var pointer)) return path;
        if (pointer.RollbackPoint is null) return null;
        var target = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, pointer.RollbackPoint);
        if (!File.Exists(target))
            throw new UserInputException(path, "rollback_point", $"points to {pointer.RollbackPoint}, which is not in {Path.GetDirectoryName(Path.GetFullPath(path))}");
        return target;
    }

    private static bool IsPointer(string path, out RollbackPointer pointer)
    {
        pointer = new RollbackPointer();
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            if (doc.RootElement.ValueKind != JsonValueKind.Object
                || !doc.RootElement.TryGetProperty("kind", out var kind) || kind.ValueKind != JsonValueKind.String
                || kind.GetString() != RollbackPointer.PointerKind) return false;
            pointer = LoadLabJson.Deserialize<RollbackPointer>(doc.RootElement.GetRawText());
            return true;
        }
        catch (JsonException)
        {
            return false; // the loader reports it, located
        }
    }

    /// <summary>A rollback.json that is itself a saved state (written before points were kept) becomes a point first.</summary>
    private void KeepLegacyPointer()
    {
        if (!File.Exists(PointerPath) || IsPointer(PointerPath, out _)) return;
        var text = File.ReadAllText(PointerPath);
        RollbackFile legacy;
        try { legacy = LoadLabJson.Deserialize<RollbackFile>(text); }
        catch (JsonException e)
        {
            throw new UserInputException(PointerPath, "", $"is neither a rollback point nor a pointer to one ({e.Message}); move it aside before applying into {Directory}");
        }
        CreateNew(Directory, "rollback-", legacy.SavedAt, text);
    }

    /// <summary>Writes PREFIX-STAMP.json whole (temp file, then a rename that never replaces); a name already taken
    /// gets the next suffix (-2, -3, ...).</summary>
    public static string CreateNew(string directory, string prefix, DateTimeOffset savedAt, string contents)
    {
        System.IO.Directory.CreateDirectory(directory);
        var stamp = savedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss.fff'Z'", CultureInfo.InvariantCulture);
        var tmp = Path.Combine(directory, $".{prefix}{stamp}.{Environment.ProcessId}.tmp");
        File.WriteAllText(tmp, contents);
        for (var n = 1; ; n++)
        {
            var path = Path.Combine(directory, n == 1 ? $"{prefix}{stamp}.json" : $"{prefix}{stamp}-{n}.json");
            try
            {
                File.Move(tmp, path, overwrite: false);
                return path;
            }
            catch (IOException) when (File.Exists(path))
            {
                // taken: try the next suffix
            }
        }
    }
}
