namespace LoadLab.Core.Errors;

/// <summary>One located problem in a user-supplied file: what every "bad input" message is made of.</summary>
public sealed record Problem(string File, int Line, int Column, string Field, string Message)
{
    /// <summary>Problem without a position (a flag, a missing file).</summary>
    public static Problem General(string source, string field, string message) => new(source, 0, 0, field, message);

    public override string ToString()
    {
        var where = Line > 0 ? $"{File}:{Line}:{Column}" : File;
        return string.IsNullOrEmpty(Field) ? $"{where}: {Message}" : $"{where}: {Field}: {Message}";
    }
}
