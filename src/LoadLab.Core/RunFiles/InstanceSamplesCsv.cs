using LoadLab.Core.RunFiles.Csv;

namespace LoadLab.Core.RunFiles;

/// <summary>
/// <c>instances.csv</c>: DescribeEndpoint samples of the variant's instance counts taken while the load ran
/// (header <c>time_utc,desired,current,status</c>). Whoever polls DescribeEndpoint during a run writes it; the
/// collector merges it into metrics.json's instance_counts.
/// </summary>
public static class InstanceSamplesCsv
{
    public const string Header = "time_utc,desired,current,status";

    private static readonly string[][] Required = [["time_utc"], ["desired"], ["current"]];

    /// <summary>The header and one line per sample (a sampler appending to the file writes its rows without the header).</summary>
    public static string Write(IEnumerable<InstanceCountSample> samples) =>
        CsvRowWriter.Format(Header.Split(','), samples.Select(s => new[]
        {
            CsvFormat.Time(s.TimeUtc), CsvFormat.Count(s.Desired), CsvFormat.Count(s.Current), s.Status ?? "",
        }));

    /// <summary>Parses the file; a malformed cell is a <see cref="Errors.UserInputException"/> naming file, line and column.</summary>
    public static IReadOnlyList<InstanceCountSample> Parse(string source, string text) =>
        CsvRowReader.Parse(source, text, Required, r => new InstanceCountSample(
            r.Required(r.Time("time_utc"), "time_utc"),
            ToInt(r, "desired"),
            ToInt(r, "current"),
            r.Text("status")));

    public static IReadOnlyList<InstanceCountSample> Read(string path) => Parse(path, CsvRules.ReadText(path));

    private static int ToInt(CsvRowReader r, string name)
    {
        var v = r.Required(r.Count(name), name);
        return v <= int.MaxValue ? (int)v : throw r.Problem(name, [], "is too large");
    }
}
