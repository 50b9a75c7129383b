using IntegrationHub.Identity.Lookup;

namespace IntegrationHub.Handler.OperatorConsole;

/// <summary>One request to the console: where the console is mounted, the page asked for, the language, and the session.</summary>
public sealed class ConsoleRequest
{
    public const string FormTokenField = "_token";

    private ConsoleRequest(HttpContext context, string basePath, string path)
    {
        Context = context;
        Base = basePath;
        Path = path;
        Texts = Texts.For(context.Request.Cookies[ConsoleResults.LanguageCookie]);
    }

    public HttpContext Context { get; }

    /// <summary><c>/console</c> standalone, <c>/api/console</c> under the Functions host (its route prefix).</summary>
    public string Base { get; }

    /// <summary>The page's path under <see cref="Base"/>, without slashes at either end ("" for the dashboard).</summary>
    public string Path { get; }

    public string[] Segments => Path.Length == 0 ? [] : Path.Split('/');

    public Texts Texts { get; }

    public OperatorSession? Session { get; set; }

    public IFormCollection Form { get; private set; } = FormCollection.Empty;

    public CancellationToken Aborted => Context.RequestAborted;

    public bool IsPost => HttpMethods.IsPost(Context.Request.Method);

    /// <summary>Behind TLS (directly, or a proxy that says so): the cookies are then Secure.</summary>
    public bool IsSecure => Context.Request.IsHttps
        || string.Equals(Context.Request.Headers["X-Forwarded-Proto"].ToString(), "https", StringComparison.OrdinalIgnoreCase);

    public static ConsoleRequest From(HttpContext context)
    {
        var requestPath = context.Request.Path.Value ?? "";
        var basePath = requestPath.StartsWith("/api/console", StringComparison.Ordinal) ? "/api/console" : "/console";
        var path = (context.Request.RouteValues["path"]?.ToString() ?? "").Trim('/');
        return new ConsoleRequest(context, basePath, path);
    }

    public string Url(string path = "") => path.Length == 0 ? Base + "/" : Base + "/" + path;

    /// <summary>The operator as the person read API knows readers: entitled to identity numbers or not.</summary>
    public PersonReader Reader => PersonReader.Operator(Session!.Actor, OperatorRoles.Format(Session.Role));

    public Markup NewMarkup() => new(masksIdNumbers: Session is null || !Reader.SeesIdNumbers);

    public async Task ReadFormAsync()
    {
        if (IsPost && Context.Request.HasFormContentType)
        {
            Form = await Context.Request.ReadFormAsync(Aborted);
        }
    }

    public string Field(string name) => Form[name].ToString();

    /// <summary>Whether the posted form carries this session's anti-forgery token (compared in constant time).</summary>
    public bool HasValidFormToken(string? expected) => expected is { Length: > 0 } && Field(FormTokenField) is { Length: > 0 } given
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));

    /// <summary>The page number of <c>?page=</c>, from 1.</summary>
    public int PageNumber => int.TryParse(Context.Request.Query["page"].ToString(), out var page) && page is >= 1 and <= 100_000 ? page : 1;

    public string Query(string name) => Context.Request.Query[name].ToString();
}
