namespace IntegrationHub.Tests.Infrastructure;

/// <summary>The console over plain HTTP, as a browser without script would use it: cookies kept, redirects not followed.</summary>
public sealed partial class ConsoleClient : IDisposable
{
    private readonly HttpClient client;

    public ConsoleClient(Uri hub)
    {
        client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = hub,
        };
    }

    /// <summary>The anti-forgery token of the last page read (every console form carries the session's token).</summary>
    public string? FormToken { get; private set; }

    /// <summary>Adds an operator with a password of the test's own; returns the password.</summary>
    public static async Task<string> AddOperatorAsync(IServiceProvider services, string name, OperatorRole role)
    {
        var password = "pw-" + name + "-" + Guid.NewGuid().ToString("N")[..12];
        await services.GetRequiredService<OperatorStore>().AddAsync(name, role, password, "test", CancellationToken.None);
        return password;
    }

    /// <summary>A client signed in as a new operator of <paramref name="role"/>, having read <paramref name="path"/> (so that
    /// <see cref="FormToken"/> is the session's).</summary>
    public static async Task<ConsoleClient> SignedInAsync(HubServer hub, string name, OperatorRole role, string path = "/console/")
    {
        var password = await AddOperatorAsync(hub.Services, name, role);
        var console = new ConsoleClient(hub.BaseAddress);
        await console.SignInAsync(name, password);
        await console.GetAsync(path);
        return console;
    }

    public async Task<(int Status, string Html, string? Location)> GetAsync(string path)
    {
        using var response = await client.GetAsync(path);
        return await ReadAsync(response);
    }

    public async Task<(int Status, string Html, string? Location)> PostAsync(string path, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var response = await client.PostAsync(path, new FormUrlEncodedContent(fields));
        return await ReadAsync(response);
    }

    /// <summary>Signs in through the form (its pre-session token included); returns the sign-in's answer.</summary>
    public async Task<(int Status, string Html, string? Location)> SignInAsync(string name, string password)
    {
        await GetAsync("/console/sign-in");
        return await PostAsync("/console/sign-in", [new("_token", FormToken ?? ""), new("name", name), new("password", password)]);
    }

    public void Dispose() => client.Dispose();

    private async Task<(int Status, string Html, string? Location)> ReadAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        if (TokenField().Match(html) is { Success: true } match)
        {
            FormToken = match.Groups[1].Value;
        }

        return ((int)response.StatusCode, html, response.Headers.Location?.ToString());
    }

    [GeneratedRegex("name=\"_token\" value=\"([0-9a-f]+)\"")]
    private static partial Regex TokenField();
}
