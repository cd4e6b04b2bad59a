using System.Text;

namespace LoadLab.Telemetry.Tests.Support;

/// <summary>
/// Just enough protobuf to read an OTLP ExportMetricsServiceRequest: resource_metrics (1) → scope_metrics (2) →
/// scope (1, name 1) and metrics (2) → name (1), unit (3) and which data field it carries (gauge 5, sum 7,
/// histogram 9, exponential_histogram 10). A body that is not such a message throws.
/// </summary>
public static class OtlpMetricsDecoder
{
    public sealed record Metric(string Scope, string Name, string Unit, string Kind);

    public static List<Metric> Decode(byte[] body)
    {
        var metrics = new List<Metric>();
        foreach (var (field, resource) in Fields(body))
        {
            if (field != 1) continue;
            foreach (var (f2, scopeMetrics) in Fields(resource))
            {
                if (f2 != 2) continue;
                var scope = "";
                foreach (var (f3, part) in Fields(scopeMetrics))
                {
                    if (f3 == 1) scope = Text(Fields(part).FirstOrDefault(x => x.Field == 1).Bytes);
                    if (f3 != 2) continue;
                    string name = "", unit = "", kind = "";
                    foreach (var (f4, value) in Fields(part))
                    {
                        switch (f4)
                        {
                            case 1: name = Text(value); break;
                            case 3: unit = Text(value); break;
                            case 5: kind = "gauge"; break;
                            case 7: kind = "sum"; break;
                            case 9: kind = "histogram"; break;
                            case 10: kind = "exponential_histogram"; break;
                            case 11: kind = "summary"; break;
                        }
                    }
                    metrics.Add(new Metric(scope, name, unit, kind));
                }
            }
        }
        return metrics;
    }

    private static string Text(byte[]? b) => b is null ? "" : Encoding.UTF8.GetString(b);

    /// <summary>The length-delimited fields of a message (other wire types are skipped).</summary>
    private static List<(int Field, byte[] Bytes)> Fields(byte[] data)
    {
        var list = new List<(int, byte[])>();
        var i = 0;
        while (i < data.Length)
        {
            var key = Varint(data, ref i);
            var field = (int)(key >> 3);
            switch (key & 7)
            {
                case 0: Varint(data, ref i); break;
                case 1: i += 8; break;
                case 5: i += 4; break;
                case 2:
                    var len = (int)Varint(data, ref i);
                    if (len < 0 || i + len > data.Length) throw new FormatException("length past the end of the message");
                    list.Add((field, data[i..(i + len)]));
                    i += len;
                    break;
                default: throw new FormatException($"wire type {key & 7} at byte {i}");
            }
        }
        if (i != data.Length) throw new FormatException("truncated message");
        return list;
    }

    private static ulong Varint(byte[] data, ref int i)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (i >= data.Length) throw new FormatException("truncated varint");
            var b = data[i++];
            value |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0) return value;
        }
        throw new FormatException("varint too long");
    }
}
