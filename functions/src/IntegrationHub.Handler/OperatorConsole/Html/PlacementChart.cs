using IntegrationHub.Flows.Graduates.Indicators;

namespace IntegrationHub.Handler.OperatorConsole.Html;

/// <summary>The placement rate of each school as a horizontal bar in its rating's colour, with the green and yellow lines of the
/// rating rule, as an SVG drawn on the server.</summary>
public static class PlacementChart
{
    private const int Width = 720;
    private const int Left = 220;
    private const int Right = 60;
    private const int Row = 24;
    private const int Top = 10;

    public static string Colour(string rating) => rating switch
    {
        Ratings.Green => "#15803d",
        Ratings.Yellow => "#d97706",
        Ratings.Red => "#b91c1c",
        _ => "#8c959f",
    };

    public static string Render(RatingReport report, string title)
    {
        var schools = report.Schools;
        var plot = Width - Left - Right;
        var height = Top + Math.Max(1, schools.Count) * Row + 24;
        var svg = new SvgChart(Width, height, title, "placement-chart");
        for (var i = 0; i < schools.Count; i++)
        {
            var school = schools[i];
            var y = Top + i * Row;
            var rate = school.PlacementRate ?? 0;
            var label = school.SchoolName is { Length: > 0 } name ? name : school.SchoolCode;
            svg.Text(Left - 6, y + 16, label.Length > 18 ? label[..18] + "…" : label, "end", 12)
                .Rect(Left, y + 4, rate * plot, Row - 8, Colour(school.Rating),
                    $"{label} ({school.SchoolCode}): {school.Secured}/{school.Graduates}, {Percent(school.PlacementRate)}")
                .Text(Left + rate * plot + 4, y + 16, Percent(school.PlacementRate), size: 12);
        }

        var bottom = Top + Math.Max(1, schools.Count) * Row;
        svg.Line(Left, Top, Left, bottom, "#888").Line(Left, bottom, Left + plot, bottom, "#888")
            .Text(Left, bottom + 16, "0%", "middle").Text(Left + plot, bottom + 16, "100%", "middle");
        foreach (var (threshold, colour) in new[] { (report.Rule.Green, Colour(Ratings.Green)), (report.Rule.Yellow, Colour(Ratings.Yellow)) })
        {
            svg.Line(Left + threshold * plot, Top, Left + threshold * plot, bottom, colour, "4 3")
                .Text(Left + threshold * plot, bottom + 16, Percent(threshold), "middle");
        }

        return svg.ToString();
    }

    public static string Percent(double? rate) => rate is { } r ? (r * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : "—";
}
