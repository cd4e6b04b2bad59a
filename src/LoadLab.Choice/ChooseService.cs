using LoadLab.Choice.Exporters;
using LoadLab.Choice.Loading;
using LoadLab.Choice.Model;
using LoadLab.Core.Json;
using LoadLab.Core.Pricing;

namespace LoadLab.Choice;

/// <summary>What `loadlab choose` asks for.</summary>
public sealed record ChooseRequest
{
    /// <summary>The parent run directory: candidates.json and one sub-run per candidate.</summary>
    public required string RunDirectory { get; init; }
    /// <summary>A user price table (--prices FILE); it wins over the built-in one, the scenario's own prices win over it.</summary>
    public string? PricesPath { get; init; }
    /// <summary>Look prices up for this region instead of candidates.json's.</summary>
    public string? Region { get; init; }
    public ChoiceOptions Options { get; init; } = new();
}

public sealed record ChooseOutcome(ChoiceFile Choice, IReadOnlyList<string> WrittenFiles);

/// <summary>
/// `loadlab choose` as one call: reads the parent run directory and the prices, builds the choice, writes
/// choice.json, choice.md and choice.html into the parent run directory. Bad input is a UserInputException.
/// </summary>
public static class ChooseService
{
    public const string JsonFileName = "choice.json";

    public static ChooseOutcome Choose(ChooseRequest request)
    {
        var options = request.Options.Validate();
        var prices = request.PricesPath is null ? null : PriceTable.Load(request.PricesPath);
        var (region, runs) = CandidateRunLoader.Load(request.RunDirectory, prices, request.Region);
        var choice = ChoiceBuilder.Build(runs, region, options);
        var json = Path.Combine(request.RunDirectory, JsonFileName);
        LoadLabJson.WriteFile(json, choice);
        var md = Path.Combine(request.RunDirectory, ChoiceMarkdown.FileName);
        File.WriteAllText(md, ChoiceMarkdown.Render(choice));
        var html = Path.Combine(request.RunDirectory, ChoiceHtml.FileName);
        File.WriteAllText(html, ChoiceHtml.Render(choice));
        return new ChooseOutcome(choice, [json, md, html]);
    }
}
