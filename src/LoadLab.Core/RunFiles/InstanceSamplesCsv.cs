using System.Globalization;
using System.Text;
using LoadLab.Core.Errors;

namespace LoadLab.Core.RunFiles;

/// <summary>
/// <c>instances.csv</c>: DescribeEndpoint samples of the variant's instance counts taken while the load ran
/// (header <c>time_utc,desired,current,status</c>). Whoever polls DescribeEndpoint during a run writes it; the
/// collector merges it into metrics.json's instance_counts.
/// </summary>
public static class InstanceSamplesCsv
{
    public const string Header = "time_utc,desired,current,status";

    public static string Write(IEnumerable<InstanceCountSample> samples)
    {
        var sb = new StringBuilder(Header).Append('\n');
        foreach (var s in samples)
            sb.Append(CsvFormat.Time(s.TimeUtc)).Append(',')
              .Append(s.Desired.ToString(CultureInfo.InvariantCulture)).Append(',')
              .Append(s.Current.ToString(CultureInfo.InvariantCulture)).Append(',')
              .Append(s.Status ?? "").Append('\n');
        return sb.ToString();
    }

    /// <summary>Parses the file; a malformed line is a <see cref="UserInputException"/> naming file and line.</summary>
    public static IReadOnlyList<InstanceCountSample> Parse(string source, string text)
    {
        var result = new List<InstanceCountSample>();
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (int i = 1; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0) continue;
            var c = line.Split(',');
            try
            {
                if (c.Length < 3) throw new FormatException($"expected {Header}");
                result.Add(new InstanceCountSample(CsvFormat.ParseTime(c[0]),
                    int.Parse(c[1], NumberStyles.Integer, CultureInfo.InvariantCulture),
                    int.Parse(c[2], NumberStyles.Integer, CultureInfo.InvariantCulture),
                    c.Length > 3 && c[3].Length > 0 ? c[3] : null));
            }
            catch (FormatException e)
            {
                throw new UserInputException([new Problem(source, i + 1, 1, "", $"not a DescribeEndpoint sample: {e.Message}")]);
            }
        }
        return result;
    }
}
