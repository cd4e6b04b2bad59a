using System.Text.Json;
using LoadLab.Core.AwsApi.Validation;
using LoadLab.Core.Errors;
using LoadLab.Core.Json;
using LoadLab.Core.RunFiles;

namespace LoadLab.Apply.Loading;

/// <summary>Reads recommendation.json (or rollback.json) and turns every problem into one naming file, line and field.</summary>
public static class RecommendationLoader
{
    public static (RecommendationFile File, JsonLocator Locator) Load(string path)
    {
        var (file, locator) = LoadJson<RecommendationFile>(path);
        return (file, locator);
    }

    public static (T Value, JsonLocator Locator) LoadJson<T>(string path)
    {
        if (!File.Exists(path)) throw new UserInputException(path, "", "file not found");
        var text = File.ReadAllText(path);
        var locator = new JsonLocator(text);
        try
        {
            return (LoadLabJson.Deserialize<T>(text), locator);
        }
        catch (JsonException e)
        {
            var field = e.Path is { Length: > 1 } p ? p.TrimStart('$', '.') : "";
            var line = e.LineNumber is { } l ? (int)l + 1 : 0;
            var col = e.BytePositionInLine is { } b ? (int)b + 1 : 0;
            throw new UserInputException([new Problem(path, line, col, field, Clean(e.Message))]);
        }
    }

    /// <summary>Validator problems located in the file the requests came from.</summary>
    public static IReadOnlyList<Problem> Locate(IEnumerable<Problem> problems, JsonLocator locator) =>
        problems.Select(p =>
        {
            var (line, col) = locator.Find(p.Field);
            return p with { Line = line, Column = col };
        }).ToList();

    /// <summary>Validates a recommendation with AWS's rules, problems located in <paramref name="path"/>.</summary>
    public static IReadOnlyList<Problem> Validate(RecommendationFile file, string path, JsonLocator locator) =>
        Locate(ScalingRequestValidator.Validate(file, path), locator);

    // System.Text.Json appends "Path: $.x | LineNumber: 3 | BytePositionInLine: 4." which the Problem already carries.
    private static string Clean(string message)
    {
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return cut > 0 ? message[..cut].TrimEnd() : message;
    }
}
