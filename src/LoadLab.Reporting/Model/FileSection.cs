namespace LoadLab.Reporting.Model;

/// <summary>
/// One run file as the report sees it: its value, or why there is none (missing, unreadable, corrupt). A section
/// built on a file with no value says so and the rest of the report still renders.
/// </summary>
public sealed record FileSection<T> where T : class
{
    public required string FileName { get; init; }
    public T? Value { get; init; }
    /// <summary>Null when the file was read; otherwise a sentence for the reader ("missing", "corrupt: ...").</summary>
    public string? Problem { get; init; }
    public bool Missing { get; init; }

    public bool Ok => Value is not null;

    public static FileSection<T> Loaded(string fileName, T value) => new() { FileName = fileName, Value = value };

    public static FileSection<T> NotFound(string fileName) =>
        new() { FileName = fileName, Missing = true, Problem = $"{fileName} is missing from the run directory." };

    public static FileSection<T> Corrupt(string fileName, string reason) =>
        new() { FileName = fileName, Problem = $"{fileName} could not be read: {reason}" };
}
