using ScottPlot;

namespace LoadLab.Reporting.Charts;

/// <summary>
/// One look for every chart: the Okabe–Ito palette (safe for the common colour-vision deficiencies), marker shapes
/// that differ as well as colours, DejaVu Sans (what the native renderer finds on Linux), and a fixed data-area
/// padding so stacked time charts line up on one time axis.
/// </summary>
public static class ChartStyle
{
    public const string FontName = "DejaVu Sans";
    public const int Width = 1000;
    public const int Height = 380;
    /// <summary>Rendered at twice the CSS size so charts stay crisp on high-density screens.</summary>
    public const double Scale = 2.0;

    public static readonly Color Black = Color.FromHex("#000000");
    public static readonly Color Orange = Color.FromHex("#E69F00");
    public static readonly Color SkyBlue = Color.FromHex("#56B4E9");
    public static readonly Color Green = Color.FromHex("#009E73");
    public static readonly Color Yellow = Color.FromHex("#F0E442");
    public static readonly Color Blue = Color.FromHex("#0072B2");
    public static readonly Color Vermillion = Color.FromHex("#D55E00");
    public static readonly Color Purple = Color.FromHex("#CC79A7");
    public static readonly Color Grey = Color.FromHex("#6E6E6E");

    /// <summary>Fixed paddings (px at scale 1) so the time charts share their x positions.</summary>
    public static readonly PixelPadding TimePadding = new(80, 30, 50, 40);

    public static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Font.Set(FontName);
        plot.ScaleFactor = Scale;
        plot.Title(title, 15);
        plot.XLabel(xLabel, 13);
        plot.YLabel(yLabel, 13);
        plot.Axes.Title.Label.Bold = true;
        plot.Grid.MajorLineColor = Color.FromHex("#E5E5E5");
        plot.Axes.Frame(true);
        return plot;
    }

    public static ChartImage Render(Plot plot, string id, string title, string alt, int width = Width, int height = Height)
    {
        plot.Font.Set(FontName);
        // ScaleFactor scales the drawing, not the canvas: ask for Scale× the pixels and show it at width×height CSS px.
        var png = plot.GetImageBytes((int)(width * Scale), (int)(height * Scale), ImageFormat.Png);
        return new ChartImage(id, title, alt, png, width, height);
    }
}
