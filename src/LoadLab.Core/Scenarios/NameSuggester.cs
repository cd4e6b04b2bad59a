namespace LoadLab.Core.Scenarios;

/// <summary>Finds the known name a typo was meant to be ("did you mean ...?").</summary>
public static class NameSuggester
{
    /// <summary>
    /// The closest candidate: same name up to case, '_' and '-' (endpoint_url → endpointUrl), else the smallest
    /// edit distance (with transpositions) within about a third of the name's length; null when nothing is close.
    /// </summary>
    public static string? Suggest(string typed, IEnumerable<string> candidates)
    {
        var normalized = Normalize(typed);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            if (Normalize(candidate) == normalized) return candidate;
            var d = Distance(typed.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (d < bestDistance)
            {
                bestDistance = d;
                best = candidate;
            }
        }
        var allowed = Math.Max(1, Math.Min(3, typed.Length / 3));
        return bestDistance <= allowed ? best : null;
    }

    private static string Normalize(string s) => s.Replace("_", "").Replace("-", "").ToLowerInvariant();

    /// <summary>Optimal string alignment distance (Levenshtein plus adjacent transpositions).</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        for (var j = 1; j <= b.Length; j++)
        {
            var cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
        }
        return d[a.Length, b.Length];
    }
}
