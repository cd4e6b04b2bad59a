namespace LoadLab.Reporting.Charts;

/// <summary>A rendered chart: a PNG with its title and a text alternative that says what it shows.</summary>
public sealed record ChartImage(string Id, string Title, string AltText, byte[] Png, int Width, int Height)
{
    /// <summary>Something the reader must know about the drawing (e.g. points clipped), shown in the caption.</summary>
    public string? Note { get; init; }

    public string DataUri => "data:image/png;base64," + Convert.ToBase64String(Png);
}
