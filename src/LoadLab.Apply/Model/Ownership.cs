namespace LoadLab.Apply.Model;

/// <summary>
/// Which live policies, scheduled actions and alarms LoadLab may change or remove without --replace: those whose
/// name starts with <see cref="Prefix"/>, plus anything the recommendation itself names (it claims that name).
/// Everything else on the target belongs to someone else and is left alone unless --replace.
/// </summary>
public static class Ownership
{
    public const string Prefix = "loadlab-";

    public static bool IsOwnedName(string? name) => name?.StartsWith(Prefix, StringComparison.Ordinal) == true;
}
