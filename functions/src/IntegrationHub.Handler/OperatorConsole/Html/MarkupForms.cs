namespace IntegrationHub.Handler.OperatorConsole.Html;

/// <summary>The pieces of the console's filter forms: a GET form to a list, its choices and its text boxes.</summary>
public sealed partial class Markup
{
    /// <summary>Opens a filter form: its fields become the list's query (never anything personal: searches are posted).</summary>
    public Markup FilterForm(string action) => Raw("<form method=\"get\" class=\"actions\" action=\"").Raw(Attribute(action)).Raw("\">");

    /// <summary>Closes a filter form with its button.</summary>
    public Markup EndFilterForm(string button) => Raw("<button type=\"submit\">").Text(button).Raw("</button></form>");

    /// <summary>A choice among <paramref name="options"/> (value, label), <paramref name="selected"/> chosen; with
    /// <paramref name="anyLabel"/>, a first empty choice (no filter).</summary>
    public Markup Select(string name, IEnumerable<(string Value, string Label)> options, string? selected, string? anyLabel = null)
    {
        Raw("<select name=\"").Raw(Attribute(name)).Raw("\" id=\"").Raw(Attribute(name)).Raw("\">");
        if (anyLabel is not null)
        {
            Raw("<option value=\"\">").Text(anyLabel).Raw("</option>");
        }

        foreach (var (value, label) in options)
        {
            Raw("<option value=\"").Raw(Attribute(value)).Raw(value == selected ? "\" selected>" : "\">").Text(label).Raw("</option>");
        }

        return Raw("</select>");
    }

    /// <summary>A labelled text box holding <paramref name="value"/>.</summary>
    public Markup TextBox(string name, string label, string? value, int size = 10) =>
        Raw("<label>").Text(label).Raw(" <input type=\"text\" name=\"").Raw(Attribute(name)).Raw("\" id=\"").Raw(Attribute(name))
            .Raw($"\" size=\"{size}\" value=\"").Raw(Attribute(value)).Raw("\"></label>");

    /// <summary>A paragraph announcing what is wrong (a refused filter, a refused form).</summary>
    public Markup Error(string message) => Raw("<p class=\"error\" role=\"alert\">").Text(message).Raw("</p>");
}
