using System.Globalization;
using LoadLab.Core.Errors;

namespace LoadLab.Cli.Infrastructure;

/// <summary>
/// The one rule for where a command writes: never over a file the user has, never into a non-empty directory it
/// did not create for this run (unless --force, which first moves the old files aside into a timestamped
/// sibling), and never over one of the command's own inputs. Checked before anything is sent or written.
/// </summary>
public static class OutputDirectory
{
    /// <summary>Makes <paramref name="path"/> an empty directory of this run, or refuses.</summary>
    /// <param name="flag">The option as the user typed it, for the message (e.g. --out).</param>
    /// <param name="inputs">Directories the command reads; the output may be none of them, nor inside one.</param>
    /// <returns>Where the old files went when --force moved them aside, else null.</returns>
    /// <exception cref="UserInputException">the path is a file, a non-empty directory without --force, or an input.</exception>
    public static string? Claim(string path, string flag, bool force, TimeProvider time, IEnumerable<string>? inputs = null)
    {
        var full = Path.GetFullPath(path);
        foreach (var input in inputs ?? [])
        {
            var inputFull = Path.GetFullPath(input);
            if (SamePath(full, inputFull) || full.StartsWith(Path.TrimEndingDirectorySeparator(inputFull) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                throw new UserInputException(flag, flag, $"'{path}' is one of this command's inputs ({input}): writing there would overwrite what it reads; choose another directory");
        }
        if (File.Exists(full))
            throw new UserInputException(flag, flag, $"'{path}' is an existing file, not a directory: nothing was written (choose a directory)");
        if (!Directory.Exists(full) || !Directory.EnumerateFileSystemEntries(full).Any()) return null;
        if (!force)
            throw new UserInputException(flag, flag,
                $"'{path}' is a directory that already holds files: nothing was written (choose a new directory, or pass --force to move its files aside first)");
        var aside = AsideName(full, time);
        Directory.Move(full, aside);
        return aside;
    }

    /// <exception cref="UserInputException">the path is an existing file (where a directory is expected).</exception>
    public static void RefuseFile(string? path, string flag)
    {
        if (path is not null && File.Exists(path))
            throw new UserInputException(flag, flag, $"'{path}' is an existing file, not a directory: nothing was written (choose a directory)");
    }

    private static string AsideName(string full, TimeProvider time)
    {
        var trimmed = Path.TrimEndingDirectorySeparator(full);
        var stamp = time.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var aside = $"{trimmed}.old-{stamp}";
        for (var n = 2; Directory.Exists(aside) || File.Exists(aside); n++) aside = $"{trimmed}.old-{stamp}-{n}";
        return aside;
    }

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(a), Path.TrimEndingDirectorySeparator(b), StringComparison.Ordinal);
}
