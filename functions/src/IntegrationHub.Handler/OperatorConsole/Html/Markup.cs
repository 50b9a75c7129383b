using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Text.Unicode;

namespace IntegrationHub.Handler.OperatorConsole.Html;

/// <summary>Builds a page's HTML: every text goes through <see cref="Text"/>, which encodes it and, for a reader not entitled to
/// identity numbers, masks anything that looks like one.</summary>
public sealed partial class Markup(bool masksIdNumbers)
{
    // Chinese stays readable in the source instead of becoming character references.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);
    private readonly StringBuilder html = new();

    public Markup Raw(string markup)
    {
        html.Append(markup);
        return this;
    }

    public Markup Text(string? text)
    {
        html.Append(Encode(text));
        return this;
    }

    /// <summary>An element with encoded text content: <c>&lt;td&gt;text&lt;/td&gt;</c>.</summary>
    public Markup Element(string tag, string? text, string? cssClass = null)
    {
        html.Append('<').Append(tag);
        if (cssClass is not null)
        {
            html.Append(" class=\"").Append(cssClass).Append('"');
        }

        html.Append('>').Append(Encode(text)).Append("</").Append(tag).Append('>');
        return this;
    }

    public Markup Link(string href, string? text, string? cssClass = null)
    {
        html.Append("<a href=\"").Append(Attribute(href)).Append('"');
        if (cssClass is not null)
        {
            html.Append(" class=\"").Append(cssClass).Append('"');
        }

        html.Append('>').Append(Encode(text)).Append("</a>");
        return this;
    }

    /// <summary>A table row of encoded cells.</summary>
    public Markup Row(params string?[] cells)
    {
        html.Append("<tr>");
        foreach (var cell in cells)
        {
            Element("td", cell);
        }

        html.Append("</tr>");
        return this;
    }

    public Markup HeaderRow(params string[] cells)
    {
        html.Append("<tr>");
        foreach (var cell in cells)
        {
            Element("th", cell);
        }

        html.Append("</tr>");
        return this;
    }

    public string Encode(string? text) => Encoder.Encode(masksIdNumbers ? Mask(text ?? "") : text ?? "");

    public string Attribute(string? text) => Encoder.Encode(text ?? "");

    public override string ToString() => html.ToString();

    /// <summary>Masks anything shaped like an identity number as the hub masks numbers everywhere (5101**********123X).</summary>
    public static string Mask(string text) => IdNumberShape().Replace(text, m => IdentityProtector.Mask(m.Value));

    public static string Number(double value, string format = "0.00") => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>A JSON value as a page shows it: text as it is, an array's items joined with 、, anything else as JSON, and
    /// nothing for null.</summary>
    public static string Value(JsonNode? node) => node switch
    {
        null => "",
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonArray array => string.Join("、", array.Select(Value)),
        _ => node.ToJsonString(),
    };

    [GeneratedRegex(@"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9A-Za-z])")]
    private static partial Regex IdNumberShape();
}
