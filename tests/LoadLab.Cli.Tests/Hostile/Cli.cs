using System.Security.Cryptography;

namespace LoadLab.Cli.Tests.Hostile;

/// <summary>Runs the loadlab command in-process, as a user would type it, and snapshots what is on disk.</summary>
public static class Cli
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = LoadLabApp.RunAsync(args, stdout, stderr).GetAwaiter().GetResult();
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Every file and folder under <paramref name="root"/> with the SHA-256 of its bytes (folders: "dir").</summary>
    public static SortedDictionary<string, string> Snapshot(string root)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories))
            result[Path.GetRelativePath(root, entry)] = Directory.Exists(entry) ? "dir" : Hash(entry);
        return result;
    }

    // A file made unreadable on purpose (chmod 000, as a user other than root) is recorded as such.
    private static string Hash(string file)
    {
        try { return Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file))); }
        catch (UnauthorizedAccessException) { return "unreadable"; }
    }
}
