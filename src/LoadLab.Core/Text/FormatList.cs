using LoadLab.Core.Errors;

namespace LoadLab.Core.Text;

/// <summary>
/// A comma-separated list of output formats ("html,md,json"; also separated by spaces or semicolons, case ignored,
/// "all" for every one): the one parser behind `report --format` and `compare --format`.
/// </summary>
public static class FormatList
{
    /// <param name="known">Each format with the names it answers to, the first being the one the error lists.</param>
    /// <param name="all">What null, empty or "all" means.</param>
    /// <exception cref="UserInputException">an unknown name, reported against <paramref name="source"/> and <paramref name="field"/>.</exception>
    public static T Parse<T>(string? text, IReadOnlyList<(T Format, string[] Names)> known, T all, string source, string field) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text)) return all;
        ulong result = 0;
        foreach (var raw in text.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            var name = raw.Trim().ToLowerInvariant();
            var format = name == "all" ? all
                : known.FirstOrDefault(k => k.Names.Contains(name)) is { Names: not null } k ? k.Format
                : throw new UserInputException(source, field,
                    $"unknown format '{raw.Trim()}' (expected a comma-separated list of {string.Join(", ", known.Select(k => k.Names[0]))})");
            result |= Convert.ToUInt64(format, System.Globalization.CultureInfo.InvariantCulture);
        }
        return (T)Enum.ToObject(typeof(T), result);
    }
}
