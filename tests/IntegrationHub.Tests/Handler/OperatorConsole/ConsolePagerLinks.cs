namespace IntegrationHub.Tests.Handler.OperatorConsole;

/// <summary>The pager of a console page as a browser follows it: the address behind its next or previous link; and a cursor
/// parameter as a test writes it.</summary>
public static partial class ConsolePagerLinks
{
    /// <summary>Cursor parameters written by hand for a keyset-paged list of 50 rows or more (25 a page): the parameter
    /// (<c>@N</c> is the cursor of the list's Nth row, see <see cref="Cursor"/>), the index of the row the page must start with,
    /// and its page number.</summary>
    /// <remarks>One that does not decode (<c>MS8A</c> is <c>1/NUL</c>, <c>Z2FyYmFnZQ</c> is <c>garbage</c>) is no cursor: the
    /// first page, never the list's end nor a 500. One that decodes reads from its place; going back from the first row, before
    /// which there is nothing, shows the first page.</remarks>
    public static TheoryData<string, int, int> HandWrittenCursors => new()
    {
        { "after=MS8A", 0, 1 },
        { "before=MS8A", 0, 1 },
        { "before=%%%", 0, 1 },
        { "after=Z2FyYmFnZQ", 0, 1 },
        { "before=Z2FyYmFnZQ", 0, 1 },
        { "before=@0", 0, 1 },
        { "before=@50", 25, 2 },
        { "after=@24", 25, 2 },
    };

    /// <summary>The parameter with its <c>@N</c> replaced by <paramref name="cursors"/>[N], the cursor of the list's Nth row.</summary>
    public static string Cursor(string parameter, IReadOnlyList<string> cursors) =>
        parameter.Split('@') is [var name, var row] ? name + cursors[int.Parse(row, CultureInfo.InvariantCulture)] : parameter;

    public static string Next(string html) => Follow(html, NextLink(), "next");

    public static string Previous(string html) => Follow(html, PreviousLink(), "previous");

    private static string Follow(string html, Regex link, string which)
    {
        var pager = html[html.IndexOf("<p class=\"pager\">", StringComparison.Ordinal)..];
        var match = link.Match(pager);
        Assert.True(match.Success, $"no {which} link in {pager}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("<a href=\"([^\"]+)\" class=\"next\"")]
    private static partial Regex NextLink();

    [GeneratedRegex("<a href=\"([^\"]+)\">上一页</a>")]
    private static partial Regex PreviousLink();
}
