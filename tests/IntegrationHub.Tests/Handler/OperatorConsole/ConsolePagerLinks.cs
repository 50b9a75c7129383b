namespace IntegrationHub.Tests.Handler.OperatorConsole;

/// <summary>The pager of a console page as a browser follows it: the address behind its next or previous link.</summary>
public static partial class ConsolePagerLinks
{
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
