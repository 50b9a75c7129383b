using System.Globalization;
using System.Text;
using IntegrationHub.Intake.Overview;
using IntegrationHub.Platform;

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
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" role=\"img\" viewBox=\"0 0 {Width} {Height + 24}\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append("<title>").Append(System.Net.WebUtility.HtmlEncode(title)).Append("</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width}\" y2=\"{Height - Bottom}\" stroke=\"#888\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{Top + 10}\" text-anchor=\"end\" font-size=\"11\">{max}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{Height - Bottom}\" text-anchor=\"end\" font-size=\"11\">0</text>");
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
                svg.Append(CultureInfo.InvariantCulture,
                    $"<rect x=\"{Left + i * slot + 2:0.#}\" y=\"{y:0.#}\" width=\"{slot - 4:0.#}\" height=\"{h:0.#}\" fill=\"{Colours[d]}\"><title>{first.AddDays(i):MM-dd} {Departments.All[d]}: {count}</title></rect>");
            }

            if (i % 2 == 0 || days <= 7)
            {
                svg.Append(CultureInfo.InvariantCulture,
                    $"<text x=\"{Left + i * slot + slot / 2:0.#}\" y=\"{Height - Bottom + 14}\" text-anchor=\"middle\" font-size=\"11\">{first.AddDays(i):MM-dd}</text>");
            }
        }

        for (var d = 0; d < Departments.All.Count; d++)
        {
            var x = Left + d * 90;
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{Height + 8}\" width=\"12\" height=\"12\" fill=\"{Colours[d]}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + 16}\" y=\"{Height + 18}\" font-size=\"12\">{Departments.All[d]}</text>");
        }

        return svg.Append("</svg>").ToString();
    }
}
