using IntegrationHub.Handler.OperatorConsole;

namespace IntegrationHub.Tests.Handler.OperatorConsole;

/// <summary>The console as the Azure Functions host calls it: the Console function's envelope, under the host's /api prefix.</summary>
public sealed class ConsoleUnderFunctionsHostTests : HubServerTests
{
    [Fact]
    public async Task Invoke_SignInPage_AnswersHtmlWithTheSecurityHeadersAndLinksUnderApiConsole()
    {
        var res = await InvokeAsync("sign-in");

        Assert.Equal(200, res.GetProperty("statusCode").GetInt32());
        var headers = res.GetProperty("headers");
        Assert.Equal(ConsoleResults.ContentSecurityPolicy, headers.GetProperty("Content-Security-Policy").GetString());
        Assert.Contains("HttpOnly", headers.GetProperty("Set-Cookie").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", headers.GetProperty("Set-Cookie").GetString(), StringComparison.OrdinalIgnoreCase);
        var body = res.GetProperty("body").GetString()!;
        Assert.Contains("action=\"/api/console/sign-in\"", body, StringComparison.Ordinal);
        Assert.Contains("src=\"/api/console/static/console.js\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_DashboardWithoutSession_RedirectsToSignInUnderApiConsole()
    {
        var res = await InvokeAsync("");

        Assert.Equal(303, res.GetProperty("statusCode").GetInt32());
        Assert.StartsWith("/api/console/sign-in?", res.GetProperty("headers").GetProperty("Location").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_Script_IsServedByTheHubItself()
    {
        var res = await InvokeAsync("static/console.js");

        Assert.Equal(200, res.GetProperty("statusCode").GetInt32());
        Assert.StartsWith("text/javascript", res.GetProperty("headers").GetProperty("Content-Type").GetString(), StringComparison.Ordinal);
        Assert.Contains("data-confirm", res.GetProperty("body").GetString(), StringComparison.Ordinal);
    }

    private async Task<JsonElement> InvokeAsync(string path)
    {
        var envelope = JsonSerializer.Serialize(new
        {
            Data = new
            {
                req = new
                {
                    Url = "http://localhost:7071/api/console/" + path,
                    Method = "GET",
                    Query = new { },
                    Headers = new Dictionary<string, string[]> { ["Accept"] = ["text/html"] },
                    Params = new { path },
                },
            },
            Metadata = new { sys = new { MethodName = "Console" } },
        });
        using var content = new StringContent(envelope, Encoding.UTF8, "application/json");
        using var response = await hub.Client.PostAsync(new Uri("/Console", UriKind.Relative), content, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var reply = JsonDocument.Parse(text);
        return reply.RootElement.GetProperty("Outputs").GetProperty("res").Clone();
    }
}
