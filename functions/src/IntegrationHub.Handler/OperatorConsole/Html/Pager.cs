namespace IntegrationHub.Handler.OperatorConsole.Html;

/// <summary>Previous and next links for a long list, and where in it the page is.</summary>
public static class Pager
{
    public const int PageSize = 25;

    public static int Offset(int page) => (page - 1) * PageSize;

    /// <param name="url">The list's address with its other query parameters, to which <c>page=N</c> is added.</param>
    public static string Render(ConsoleRequest request, string url, int page, long total)
    {
        var pages = Math.Max(1, (int)((total + PageSize - 1) / PageSize));
        var separator = url.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        var links = new Markup(false);
        links.Raw("<p class=\"pager\">");
        if (page > 1)
        {
            links.Link(url + separator + "page=" + (page - 1).ToString(CultureInfo.InvariantCulture), request.Texts["page.previous"]);
        }

        links.Raw(" <span>").Text(string.Format(CultureInfo.InvariantCulture, request.Texts["page.of"], page, pages, total)).Raw("</span> ");
        if (page < pages)
        {
            links.Link(url + separator + "page=" + (page + 1).ToString(CultureInfo.InvariantCulture), request.Texts["page.next"], "next");
        }

        links.Raw("</p>");
        return links.ToString();
    }
}
