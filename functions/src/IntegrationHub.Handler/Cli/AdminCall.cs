namespace IntegrationHub.Handler.Cli;

/// <summary>One call of a CLI command to the running hub as the administrator, whose token is in the credentials file.</summary>
internal static class AdminCall
{
    /// <summary>Sends the call and parses its JSON answer; a refusal is printed on stderr as <c>{what} failed: {status} {body}</c>
    /// and gives null.</summary>
    /// <param name="prepare">Adds what else the call carries (headers such as <c>X-Purpose</c>), where given.</param>
    public static async Task<JsonDocument?> SendAsync(Uri hub, string credentialsPath, HttpMethod method, string path, string what,
        CancellationToken cancellationToken, Action<HttpRequestMessage>? prepare = null, TimeSpan? timeout = null)
    {
        using var client = await ClientAsync(hub, credentialsPath, timeout, cancellationToken);
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        prepare?.Invoke(request);
        using var response = await client.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            await Console.Error.WriteLineAsync($"{what} failed: {(int)response.StatusCode} {body}");
            return null;
        }

        return JsonDocument.Parse(body);
    }

    /// <summary>A client for the hub that sends the administrator's token (from the credentials file) with every request.</summary>
    /// <param name="timeout">How long a call may take; HttpClient's own default (100 s) where not given.</param>
    public static async Task<HttpClient> ClientAsync(Uri hub, string credentialsPath, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var tokens = JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(credentialsPath, cancellationToken))
            ?? throw new JsonException($"{credentialsPath} holds no tokens");
        var client = new HttpClient { BaseAddress = hub };
        if (timeout is { } limit)
        {
            client.Timeout = limit;
        }

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens["admin"]);
        return client;
    }
}
