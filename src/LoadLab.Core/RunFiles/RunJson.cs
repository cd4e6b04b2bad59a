using System.Text.Json;
using LoadLab.Core.Errors;
using LoadLab.Core.Json;

namespace LoadLab.Core.RunFiles;

/// <summary>
/// Reads the JSON files of a run directory (run.json, analysis.json, recommendation.json, ...) one way: a missing
/// file and invalid JSON become a <see cref="UserInputException"/> naming the file, line, column and JSON path.
/// </summary>
public static class RunJson
{
    /// <summary>Reads run.json (see <see cref="Read{T}"/>).</summary>
    public static RunInfo ReadRun(string path, string? missingMessage = null) => Read<RunInfo>(path, missingMessage);

    /// <summary>run.json, or null when it is missing or not valid (for callers that can do without it).</summary>
    public static RunInfo? TryReadRun(string path) => TryRead<RunInfo>(path);

    /// <summary>Reads a LoadLab JSON file; a missing file or invalid JSON throws <see cref="UserInputException"/>.</summary>
    /// <param name="missingMessage">What to say when the file does not exist (default "file not found").</param>
    public static T Read<T>(string path, string? missingMessage = null) where T : class
    {
        if (!File.Exists(path)) throw new UserInputException(path, "", missingMessage ?? "file not found");
        try
        {
            return LoadLabJson.Deserialize<T>(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new UserInputException([ProblemOf(path, e)]);
        }
    }

    /// <summary>The file's value, or null when it is missing or not valid.</summary>
    public static T? TryRead<T>(string path) where T : class
    {
        if (!File.Exists(path)) return null;
        try { return LoadLabJson.Deserialize<T>(File.ReadAllText(path)); }
        catch (JsonException) { return null; }
    }

    /// <summary>
    /// A located problem for invalid JSON in <paramref name="path"/>: System.Text.Json's zero-based line and byte
    /// position become one-based line and column, its JSON path the field; the message says which file it is.
    /// </summary>
    public static Problem ProblemOf(string path, JsonException e) =>
        new(path, (int)(e.LineNumber ?? -1) + 1, (int)(e.BytePositionInLine ?? -1) + 1, e.Path ?? "",
            $"not a valid {Path.GetFileName(path)}: {FirstSentence(e.Message)}");

    // System.Text.Json appends " Path: $.x | LineNumber: 3 | BytePositionInLine: 4." which the Problem already carries.
    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return (cut >= 0 ? message[..cut] : message).Split('\n')[0].Trim();
    }
}
