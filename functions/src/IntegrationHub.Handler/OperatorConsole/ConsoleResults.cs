namespace IntegrationHub.Handler.OperatorConsole;

/// <summary>How the console answers: its pages as HTML with the security headers, redirects, and its cookies.</summary>
public static class ConsoleResults
{
    /// <summary>
    /// No script but the console's own file, no inline script or style, nothing from elsewhere, never framed; pages are not
    /// cached (they hold personal data) nor their address passed on as a referrer.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static void ApplyHeaders(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
    }

    public static IResult Page(ConsoleRequest request, string title, string body, int status = 200, string? notice = null,
        bool refresh = false) =>
        Results.Content(Layout.Render(request, title, body, notice, refresh), "text/html; charset=utf-8", statusCode: status);

    /// <summary>A page that only says why the request was refused (forbidden, stale form, not found).</summary>
    public static IResult Refusal(ConsoleRequest request, int status, string message)
    {
        var body = request.NewMarkup().Error(message).ToString();
        return Page(request, message, body, status);
    }

    /// <summary>See other: after a form acts, the browser fetches the result page with GET.</summary>
    public static IResult Redirect(ConsoleRequest request, string path) => new RedirectSeeOther(request.Url(path));

    /// <summary>The session of a signed-in operator.</summary>
    public const string SessionCookie = "hub_console";

    /// <summary>The language chosen (<c>en</c>; else Chinese).</summary>
    public const string LanguageCookie = "hub_console_lang";

    /// <summary>The sign-in form's anti-forgery token, before there is a session.</summary>
    public const string PreSessionCookie = "hub_console_pre";

    /// <summary>Sets one of the console's cookies: HttpOnly, SameSite=Strict, Secure behind TLS, for the console's path only.</summary>
    public static void SetCookie(ConsoleRequest request, string name, string value, TimeSpan? maxAge = null) =>
        request.Context.Response.Cookies.Append(name, value, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = request.IsSecure,
            Path = request.Base,
            MaxAge = maxAge,
            IsEssential = true,
        });

    public static void DeleteCookie(ConsoleRequest request, string name) => SetCookie(request, name, "", TimeSpan.Zero);

    private sealed class RedirectSeeOther(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}
