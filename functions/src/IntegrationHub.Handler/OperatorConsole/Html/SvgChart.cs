using System.Net;

namespace IntegrationHub.Handler.OperatorConsole.Html;

/// <summary>What the console's charts share: an SVG drawn on the server (no script, nothing fetched), its title for screen
/// readers, and the few shapes they are made of, every number written in the invariant culture.</summary>
public sealed class SvgChart
{
    private readonly StringBuilder svg = new();

    public SvgChart(int width, int height, string title, string? id = null)
    {
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\"{(id is null ? "" : $" id=\"{id}\"")} role=\"img\" viewBox=\"0 0 {width} {height}\" ")
            .Append("xmlns=\"http://www.w3.org/2000/svg\"><title>").Append(WebUtility.HtmlEncode(title)).Append("</title>");
    }

    public SvgChart Line(double x1, double y1, double x2, double y2, string stroke, string? dash = null) => Append(
        $"<line x1=\"{x1:0.#}\" y1=\"{y1:0.#}\" x2=\"{x2:0.#}\" y2=\"{y2:0.#}\" stroke=\"{stroke}\"{(dash is null ? "" : $" stroke-dasharray=\"{dash}\"")}/>");

    /// <summary>A text at (x, y); <paramref name="anchor"/> is start, middle or end.</summary>
    public SvgChart Text(double x, double y, string text, string anchor = "start", int size = 11) =>
        Append($"<text x=\"{x:0.#}\" y=\"{y:0.#}\" text-anchor=\"{anchor}\" font-size=\"{size}\">{WebUtility.HtmlEncode(text)}</text>");

    /// <summary>A rectangle, with a tooltip when <paramref name="tooltip"/> is given.</summary>
    public SvgChart Rect(double x, double y, double width, double height, string fill, string? tooltip = null) => Append(
        $"<rect x=\"{x:0.#}\" y=\"{y:0.#}\" width=\"{width:0.#}\" height=\"{height:0.#}\" fill=\"{fill}\"{(tooltip is null ? "/>" : $"><title>{WebUtility.HtmlEncode(tooltip)}</title></rect>")}");

    public override string ToString() => svg + "</svg>";

    private SvgChart Append(FormattableString part)
    {
        svg.Append(part.ToString(CultureInfo.InvariantCulture));
        return this;
    }
}
