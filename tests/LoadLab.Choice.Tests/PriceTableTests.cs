using LoadLab.Core.Errors;
using LoadLab.Core.Pricing;

namespace LoadLab.Choice.Tests;

public sealed class PriceTableTests
{
    [Fact]
    public void The_built_in_table_states_its_source_and_date_and_prices_common_types()
    {
        var t = PriceTable.BuiltIn();
        Assert.Contains("SageMaker pricing page", t.Source);
        Assert.StartsWith("2024", t.AsOf);
        Assert.Contains("NOT fetched", t.AsOf);
        Assert.Equal(["us-east-1", "us-east-2", "us-west-2"], t.Regions);
        // The same figure the scenarios use for ml.m5.xlarge.
        Assert.Equal(0.23, t.Find("ml.m5.xlarge", "us-east-1")!.UsdPerInstanceHour);
        Assert.Equal(0.736, t.Find("ML.G4DN.XLARGE", "us-west-2")!.UsdPerInstanceHour);
        Assert.Null(t.Find("ml.m5.xlarge", "eu-west-1"));
    }

    [Fact]
    public void A_bad_row_in_a_prices_file_names_its_line_and_cell()
    {
        var e = Assert.Throws<UserInputException>(() => PriceTable.Parse(
            "# source: x\ninstance_type,region,usd_per_instance_hour\nml.m5.xlarge,us-east-1,0.2\nml.c5.xlarge,us-east-1,free\n", "p.csv"));
        var p = Assert.Single(e.Problems);
        Assert.Equal(("p.csv", 4, "usd_per_instance_hour"), (p.File, p.Line, p.Field));
        Assert.Contains("'free' is not a price", p.Message);
    }

    [Fact]
    public void The_scenarios_own_price_wins_then_the_users_file_then_the_built_in_table()
    {
        var builtIn = PriceTable.BuiltIn();
        var mine = PriceTable.Parse("instance_type,region,usd_per_instance_hour\nml.m5.xlarge,us-east-1,0.2\n", "mine.csv");
        Assert.Equal(("scenario", 0.1), Quote(PriceResolver.Resolve("ml.m5.xlarge", "us-east-1", 0.1, mine, builtIn)));
        Assert.Equal(("mine.csv", 0.2), Quote(PriceResolver.Resolve("ml.m5.xlarge", "us-east-1", null, mine, builtIn)));
        Assert.Equal((PriceTable.BuiltInName, 0.115), Quote(PriceResolver.Resolve("ml.m5.large", "us-east-1", null, mine, builtIn)));
        Assert.Null(PriceResolver.Resolve("ml.m5.large", "eu-west-1", null, mine, builtIn));
        Assert.Contains("has no price for region eu-west-1", PriceResolver.Missing("ml.m5.large", "eu-west-1", mine, builtIn));
    }

    private static (string, double) Quote(PriceQuote? q) => (q!.Source, q.UsdPerInstanceHour);
}
