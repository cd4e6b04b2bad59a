using System.Globalization;
using LoadLab.Core.Errors;

namespace LoadLab.Core.Pricing;

/// <summary>One price: what an instance type costs per hour in a region, and where that figure came from.</summary>
/// <param name="Source">"scenario" (the candidate's own pricePerInstanceHour), the --prices file's path, or the built-in table's name.</param>
/// <param name="AsOf">The date the figure is as of, as its table states it ("" when the scenario gave it).</param>
public sealed record PriceQuote(string InstanceType, string Region, double UsdPerInstanceHour, string Source, string AsOf);

/// <summary>
/// A table of instance-hour prices: CSV rows <c>instance_type,region,usd_per_instance_hour</c> after <c># key: value</c>
/// header lines (<c>source</c>, <c>figures_as_of</c>, <c>compiled</c>, <c>note</c>). The built-in table is data
/// shipped with LoadLab, never fetched at run time; a user's <c>--prices FILE</c> has the same format.
/// </summary>
public sealed class PriceTable
{
    public const string BuiltInName = "built-in sagemaker-prices.csv";
    private const string Header = "instance_type,region,usd_per_instance_hour";
    private readonly Dictionary<(string Type, string Region), double> _prices;

    private PriceTable(string name, IReadOnlyDictionary<string, string> meta, Dictionary<(string, string), double> prices)
    {
        Name = name;
        Meta = meta;
        _prices = prices;
    }

    /// <summary>The file's path, or <see cref="BuiltInName"/>.</summary>
    public string Name { get; }
    /// <summary>The <c># key: value</c> header lines.</summary>
    public IReadOnlyDictionary<string, string> Meta { get; }
    public string Source => Meta.GetValueOrDefault("source", "");
    /// <summary>The date the figures are as of (figures_as_of, else compiled); "" when the file does not say.</summary>
    public string AsOf => Meta.GetValueOrDefault("figures_as_of") ?? Meta.GetValueOrDefault("compiled", "");
    public IEnumerable<string> Regions => _prices.Keys.Select(k => k.Region).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
    public int Count => _prices.Count;

    /// <summary>The price of <paramref name="instanceType"/> in <paramref name="region"/>, or null when the table has none.</summary>
    public PriceQuote? Find(string instanceType, string region) =>
        _prices.TryGetValue((instanceType.Trim().ToLowerInvariant(), region.Trim().ToLowerInvariant()), out var usd)
            ? new PriceQuote(instanceType, region, usd, Name, AsOf) : null;

    public bool HasInstanceType(string instanceType) =>
        _prices.Keys.Any(k => k.Type == instanceType.Trim().ToLowerInvariant());

    /// <summary>The table shipped inside LoadLab.Core.</summary>
    public static PriceTable BuiltIn()
    {
        using var stream = typeof(PriceTable).Assembly.GetManifestResourceStream("LoadLab.Core.Pricing.sagemaker-prices.csv")
                           ?? throw new InvalidOperationException("the built-in price table is not embedded in LoadLab.Core");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), BuiltInName);
    }

    /// <summary>A user's price file; every bad row is a located <see cref="UserInputException"/>.</summary>
    public static PriceTable Load(string path)
    {
        if (!File.Exists(path)) throw new UserInputException(path, "--prices", "file not found");
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses the table text; <paramref name="name"/> names it in messages and in every quote.</summary>
    public static PriceTable Parse(string text, string name)
    {
        var meta = new Dictionary<string, string>(StringComparer.Ordinal);
        var prices = new Dictionary<(string, string), double>();
        var problems = new List<Problem>();
        var sawHeader = false;
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            var lineNo = i + 1;
            if (line.Length == 0) continue;
            if (line.StartsWith('#'))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 1) meta.TryAdd(line[1..colon].Trim().ToLowerInvariant(), line[(colon + 1)..].Trim());
                continue;
            }
            if (!sawHeader)
            {
                if (!line.Equals(Header, StringComparison.OrdinalIgnoreCase))
                    problems.Add(new Problem(name, lineNo, 1, "header", $"the first row must be '{Header}' (got '{line}')"));
                sawHeader = true;
                continue;
            }
            var cells = line.Split(',');
            if (cells.Length != 3)
            {
                problems.Add(new Problem(name, lineNo, 1, "row", $"expected 3 comma-separated cells ({Header}), got {cells.Length}"));
                continue;
            }
            var (type, region, usdText) = (cells[0].Trim().ToLowerInvariant(), cells[1].Trim().ToLowerInvariant(), cells[2].Trim());
            if (type.Length == 0 || region.Length == 0)
                problems.Add(new Problem(name, lineNo, 1, "instance_type", "instance type and region must not be empty"));
            else if (!double.TryParse(usdText, NumberStyles.Float, CultureInfo.InvariantCulture, out var usd) || !double.IsFinite(usd) || usd <= 0)
                problems.Add(new Problem(name, lineNo, cells[0].Length + cells[1].Length + 3, "usd_per_instance_hour",
                    $"'{usdText}' is not a price: a number of US dollars per instance-hour > 0, like 0.23"));
            else if (!prices.TryAdd((type, region), usd))
                problems.Add(new Problem(name, lineNo, 1, "instance_type", $"{type} in {region} is listed twice"));
        }
        if (!sawHeader) problems.Add(new Problem(name, 0, 0, "header", $"no '{Header}' row"));
        if (problems.Count > 0) throw new UserInputException(problems);
        return new PriceTable(name, meta, prices);
    }
}
