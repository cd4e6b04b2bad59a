using LoadLab.Compare.Model;
using LoadLab.Core.Json;

namespace LoadLab.Compare.Exporters;

/// <summary><c>compare.json</c>: the whole <see cref="ComparisonResult"/> in LoadLab's JSON convention.</summary>
public static class CompareJson
{
    public const string FileName = "compare.json";

    public static string Render(ComparisonResult c) => LoadLabJson.Serialize(c);
}
