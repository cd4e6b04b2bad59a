using LoadLab.Core.Findings;

namespace LoadLab.Reporting.Model;

/// <summary>
/// One warning as the report shows it: the file it came from, its severity and code, and the sentence. Identical
/// causes (same file, code and message) are one entry whose <see cref="Subjects"/> lists what they were about.
/// </summary>
public sealed record ReportWarning(string Source, string Message)
{
    public Severity Severity { get; init; } = Severity.Warning;
    public string Code { get; init; } = Finding.Unclassified;
    /// <summary>What the grouped findings were about ("ModelLatency p90", ...); empty for a finding about the run.</summary>
    public IReadOnlyList<string> Subjects { get; init; } = [];
    /// <summary>How many findings this entry stands for.</summary>
    public int Count { get; init; } = 1;
    /// <summary>The first finding's detail (the error as received), for the reader who digs.</summary>
    public string? Detail { get; init; }

    /// <summary>Errors and warnings change what the reader should believe; info does not.</summary>
    public bool Headline => Severity != Severity.Info;

    /// <summary>"ModelLatency/OverheadLatency p50/p90/p99: message" (subjects folded), or the message alone.</summary>
    public string Text => Subjects.Count == 0 ? Message : $"{FoldSubjects(Subjects)}: {Message}";

    /// <summary>
    /// "ModelLatency p90", "OverheadLatency p90", "ModelLatency p99" → "ModelLatency/OverheadLatency p90/p99" when
    /// every subject is "name stat"; otherwise the subjects joined with commas.
    /// </summary>
    public static string FoldSubjects(IReadOnlyList<string> subjects)
    {
        var split = subjects.Select(s => s.Split(' ')).ToList();
        if (subjects.Count == 1 || split.Any(p => p.Length != 2)) return string.Join(", ", subjects);
        return string.Join("/", split.Select(p => p[0]).Distinct()) + " " + string.Join("/", split.Select(p => p[1]).Distinct());
    }

    /// <summary>Groups a file's findings by code and message (unclassified ones stay one entry each), in first-seen order.</summary>
    public static IEnumerable<ReportWarning> Group(string source, IEnumerable<Finding> findings) =>
        findings
            .Select((f, i) => (f, Key: f.Code == Finding.Unclassified ? $"#{i}" : $"{f.Severity}|{f.Code}|{f.Message}"))
            .GroupBy(x => x.Key)
            .Select(g =>
            {
                var first = g.First().f;
                return new ReportWarning(source, first.Message)
                {
                    Severity = first.Severity, Code = first.Code, Count = g.Count(), Detail = first.Detail,
                    Subjects = g.Select(x => x.f.Subject).OfType<string>().Distinct().ToList(),
                };
            });
}
