namespace IntegrationHub.Handler.OperatorConsole.Html;

/// <summary>Previous and next links for a long list, and where in it the page is.</summary>
public static class Pager
{
    public const int PageSize = 25;

    public static int Offset(int page) => (page - 1) * PageSize;

    /// <param name="url">The list's address with its other query parameters, to which <c>page=N</c> is added.</param>
    public static string Render(ConsoleRequest request, string url, int page, long total)
    {
        var separator = url.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        return Links(request, page > 1 ? url + separator + "page=" + (page - 1).ToString(CultureInfo.InvariantCulture) : null, page, total,
            page < Pages(total) ? url + separator + "page=" + (page + 1).ToString(CultureInfo.InvariantCulture) : null);
    }

    /// <summary>The pager with the links given (null where there is no page that way).</summary>
    private static string Links(ConsoleRequest request, string? previous, int page, long total, string? next)
    {
        var links = new Markup(false);
        links.Raw("<p class=\"pager\">");
        if (previous is not null)
        {
            links.Link(previous, request.Texts["page.previous"]);
        }

        links.Raw(" <span>").Text(string.Format(CultureInfo.InvariantCulture, request.Texts["page.of"], page, Pages(total), total)).Raw("</span> ");
        if (next is not null)
        {
            links.Link(next, request.Texts["page.next"], "next");
        }

        links.Raw("</p>");
        return links.ToString();
    }

    /// <summary>Decodes a keyset cursor of a page link; false for a text that is not one.</summary>
    public delegate bool CursorDecoder<T>(string text, out T cursor);

    /// <summary>Where a list paged by keyset starts this page: after (next pages) or before (previous pages) a row's cursor, in
    /// the list's order; (null, false) for the first page.</summary>
    /// <remarks>An address anyone can write: a cursor that does not decode is no cursor, so a malformed <c>before</c> or
    /// <c>after</c> shows the first page (a <c>before</c> without its place would read the list's end as if it were its start).</remarks>
    public static (T? Cursor, bool Before) KeysetCursor<T>(ConsoleRequest request, CursorDecoder<T> decode)
        where T : struct =>
        request.Query("before") is { Length: > 0 } before && decode(before, out var previous) ? (previous, true)
        : request.Query("after") is { Length: > 0 } after && decode(after, out var next) ? (next, false)
        : (null, false);

    /// <summary>The pager of a list paged by keyset: previous leads to the rows before <paramref name="first"/> (to the first page
    /// when they fit on it), next to those after <paramref name="last"/>.</summary>
    /// <remarks>The page's number is the page its last row would be on: rows that left or joined the list while the operator
    /// paged need not leave whole pages ahead, and so the first page is always 1 and the last always the count of pages.</remarks>
    /// <param name="ahead">How many rows of the list come before this page's first.</param>
    /// <param name="first">The cursor of the page's first row (of where it was asked to start, when it is empty).</param>
    /// <param name="last">The cursor of the page's last row, null when it is empty.</param>
    public static string Keyset(ConsoleRequest request, string url, long ahead, int shown, long total, string? first, string? last)
    {
        var separator = url.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        var previous = ahead <= 0 || first is null ? null : ahead <= PageSize ? url : url + separator + "before=" + first;
        var next = last is not null && ahead + shown < total ? url + separator + "after=" + last : null;
        return Links(request, previous, Pages(ahead + shown), total, next);
    }

    private static int Pages(long total) => Math.Max(1, (int)((total + PageSize - 1) / PageSize));
}
