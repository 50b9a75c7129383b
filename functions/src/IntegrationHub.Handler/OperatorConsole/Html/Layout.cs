namespace IntegrationHub.Handler.OperatorConsole.Html;

/// <summary>The page around every console page: head (the console's own stylesheet and script), navigation, who is signed in.</summary>
public static class Layout
{
    public static string Render(ConsoleRequest request, string title, string body, string? notice = null, bool refresh = false)
    {
        var texts = request.Texts;
        var page = request.NewMarkup();
        page.Raw("<!DOCTYPE html><html lang=\"").Raw(texts.HtmlLanguage).Raw("\"><head><meta charset=\"utf-8\">")
            .Raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Raw("<title>").Text(title).Raw(" · ").Text(texts["title"]).Raw("</title>")
            .Raw("<link rel=\"stylesheet\" href=\"").Raw(page.Attribute(request.Url("static/console.css"))).Raw("\">")
            .Raw("<script src=\"").Raw(page.Attribute(request.Url("static/console.js"))).Raw("\" defer></script></head>")
            .Raw(refresh ? "<body data-refresh=\"3\">" : "<body>")
            .Raw("<header><span class=\"brand\">").Text(texts["title"]).Raw("</span>");
        if (request.Session is { } session)
        {
            page.Raw("<nav>");
            foreach (var (path, key) in new[] { ("", "nav.dashboard"), ("batches", "nav.batches"), ("review", "nav.review"),
                         ("persons", "nav.persons"), ("subscriptions", "nav.subscriptions"), ("graduates", "nav.graduates"),
                         ("findings", "nav.findings"), ("feeds", "nav.feeds") })
            {
                var current = path.Length == 0 ? request.Path.Length == 0 : request.Path.StartsWith(path, StringComparison.Ordinal);
                page.Link(request.Url(path), texts[key], current ? "current" : null);
            }

            page.Raw("</nav><span class=\"who\">").Text(session.Operator).Raw(" (").Text(texts["role." + OperatorRoles.Format(session.Role)])
                .Raw(")</span><form method=\"post\" class=\"inline\" action=\"").Raw(page.Attribute(request.Url("sign-out"))).Raw("\">")
                .Raw(FormToken(page, session.FormToken)).Raw("<button type=\"submit\">").Text(texts["sign-out"]).Raw("</button></form>");
        }

        page.Link(request.Url("lang?to=" + (texts.IsEnglish ? "zh" : "en") + "&back=" + Uri.EscapeDataString(request.Path)),
            texts["switch.language"], "language");
        page.Raw("</header><main><h1>").Text(title).Raw("</h1>");
        if (notice is not null)
        {
            page.Raw("<p class=\"notice\" role=\"status\">").Text(notice).Raw("</p>");
        }

        page.Raw(body).Raw("</main></body></html>");
        return page.ToString();
    }

    /// <summary>The hidden anti-forgery field every form carries.</summary>
    public static string FormToken(Markup markup, string token) =>
        $"<input type=\"hidden\" name=\"{ConsoleRequest.FormTokenField}\" value=\"{markup.Attribute(token)}\">";

    /// <summary>A form of one button that posts to <paramref name="action"/>, with the session's token; disabled for a viewer.</summary>
    public static string ActionButton(ConsoleRequest request, Markup markup, string action, string label, string? hidden = null,
        bool confirm = true)
    {
        var session = request.Session!;
        var disabled = OperatorRoles.CanAct(session.Role) ? "" : " disabled";
        return $"<form method=\"post\" class=\"inline\" action=\"{markup.Attribute(request.Url(action))}\"" +
            (confirm ? $" data-confirm=\"{markup.Attribute(request.Texts["confirm"])}\"" : "") + ">" +
            FormToken(markup, session.FormToken) + (hidden ?? "") +
            $"<button type=\"submit\"{disabled}>{markup.Encode(label)}</button></form>";
    }
}
