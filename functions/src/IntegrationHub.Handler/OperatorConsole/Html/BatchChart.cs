using IntegrationHub.Intake.Overview;

namespace IntegrationHub.Handler.OperatorConsole.Html;

/// <summary>Batches per day per department as an SVG of stacked bars, drawn on the server (no script, nothing fetched).</summary>
public static class BatchChart
{
    private static readonly string[] Colours = ["#1f6feb", "#d97706", "#15803d", "#b91c1c", "#7c3aed"];
    private const int Width = 720;
    private const int Height = 220;
    private const int Left = 40;
    private const int Bottom = 30;
    private const int Top = 10;

    public static string Render(IReadOnlyList<DailyBatchCount> counts, DateOnly last, int days, string title)
    {
        var first = last.AddDays(1 - days);
        var perDay = Enumerable.Range(0, days).Select(i => first.AddDays(i))
            .Select(day => Departments.All.Select(d => counts.Where(c => c.Day == day && c.Department == d).Sum(c => c.Batches)).ToArray())
            .ToArray();
        var max = Math.Max(1, perDay.Max(day => day.Sum()));
        var plotHeight = Height - Bottom - Top;
        var slot = (Width - Left) / (double)days;
        var svg = new SvgChart(Width, Height + 24, title)
            .Line(Left, Height - Bottom, Width, Height - Bottom, "#888")
            .Text(Left - 6, Top + 10, max.ToString(System.Globalization.CultureInfo.InvariantCulture), "end")
            .Text(Left - 6, Height - Bottom, "0", "end");
        for (var i = 0; i < days; i++)
        {
            var y = (double)(Height - Bottom);
            for (var d = 0; d < Departments.All.Count; d++)
            {
                var count = perDay[i][d];
                if (count == 0)
                {
                    continue;
                }

                var h = count * plotHeight / (double)max;
                y -= h;
                svg.Rect(Left + i * slot + 2, y, slot - 4, h, Colours[d], $"{first.AddDays(i):MM-dd} {Departments.All[d]}: {count}");
            }

            if (i % 2 == 0 || days <= 7)
            {
                svg.Text(Left + i * slot + slot / 2, Height - Bottom + 14, first.AddDays(i).ToString("MM-dd", System.Globalization.CultureInfo.InvariantCulture), "middle");
            }
        }

        for (var d = 0; d < Departments.All.Count; d++)
        {
            var x = Left + d * 90;
            svg.Rect(x, Height + 8, 12, 12, Colours[d]).Text(x + 16, Height + 18, Departments.All[d], size: 12);
        }

        return svg.ToString();
    }
}
