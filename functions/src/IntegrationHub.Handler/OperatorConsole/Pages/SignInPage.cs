namespace IntegrationHub.Handler.OperatorConsole.Pages;

/// <summary>The sign-in form and its answer. Before a session exists the form's anti-forgery token is a cookie's twin.</summary>
public sealed class SignInPage(OperatorStore operators)
{
    public IResult Get(ConsoleRequest request, string? message = null, int status = 200)
    {
        var texts = request.Texts;
        var token = request.Context.Request.Cookies[ConsoleResults.PreSessionCookie];
        if (token is not { Length: 64 })
        {
            token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
            ConsoleResults.SetCookie(request, ConsoleResults.PreSessionCookie, token);
        }

        var back = SafeBack(request.Query("back")) ?? SafeBack(request.Field("back")) ?? "";
        var page = request.NewMarkup();
        page.Raw("<form method=\"post\" class=\"sign-in stack\" action=\"").Raw(page.Attribute(request.Url("sign-in"))).Raw("\">");
        if (message is not null)
        {
            page.Error(message);
        }
        else if (request.Query("expired") == "1")
        {
            page.Raw("<p class=\"notice\">").Text(texts["sign-in.expired"]).Raw("</p>");
        }

        page.Raw(Layout.FormToken(page, token))
            .Raw("<input type=\"hidden\" name=\"back\" value=\"").Raw(page.Attribute(back)).Raw("\">")
            .Raw("<label for=\"name\">").Text(texts["operator"]).Raw("</label>")
            .Raw("<input type=\"text\" id=\"name\" name=\"name\" autocomplete=\"username\" required autofocus>")
            .Raw("<label for=\"password\">").Text(texts["password"]).Raw("</label>")
            .Raw("<input type=\"password\" id=\"password\" name=\"password\" autocomplete=\"current-password\" required>")
            .Raw("<p><button type=\"submit\" id=\"sign-in\">").Text(texts["sign-in"]).Raw("</button></p></form>");
        return ConsoleResults.Page(request, texts["sign-in"], page.ToString(), status);
    }

    public async Task<IResult> PostAsync(ConsoleRequest request)
    {
        if (!request.HasValidFormToken(request.Context.Request.Cookies[ConsoleResults.PreSessionCookie]))
        {
            return ConsoleResults.Refusal(request, 403, request.Texts["forgery"]);
        }

        var outcome = await operators.SignInAsync(request.Field("name").Trim(), request.Field("password"), request.Aborted);
        switch (outcome.Result)
        {
            case SignInResult.SignedIn:
                ConsoleResults.SetCookie(request, ConsoleResults.SessionCookie, outcome.Token!);
                return ConsoleResults.Redirect(request, SafeBack(request.Field("back")) ?? "");
            case SignInResult.Locked:
                return Get(request, request.Texts["sign-in.locked"], 423);
            default:
                return Get(request, request.Texts["sign-in.wrong"], 401);
        }
    }

    /// <summary>A page of the console to return to after signing in: letters, digits and <c>/-_.</c> only, so never another site.</summary>
    public static string? SafeBack(string? path) =>
        path is { Length: > 0 and < 200 } && path.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '-' or '_' or '.')
            && !path.Contains("//", StringComparison.Ordinal) && !path.StartsWith('/') && !path.Contains("..", StringComparison.Ordinal)
            ? path
            : null;
}
