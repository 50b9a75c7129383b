using System.Net.Http.Headers;
using System.Text.Json;

namespace IntegrationHub.Handler.Cli;

/// <summary><c>./hub redrive SUBSCRIPTION</c>: asks the running hub (admin token) to re-send the subscription's dead letters.</summary>
public static class RedriveCommand
{
    public static async Task<int> RunAsync(Uri hub, string credentialsPath, string subscription, CancellationToken cancellationToken)
    {
        var tokens = JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(credentialsPath, cancellationToken))!;
        using var client = new HttpClient { BaseAddress = hub };
        using var request = new HttpRequestMessage(HttpMethod.Post,
            new Uri($"/api/admin/subscriptions/{Uri.EscapeDataString(subscription)}/redrive", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens["admin"]);
        using var response = await client.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            await Console.Error.WriteLineAsync($"redrive failed: {(int)response.StatusCode} {body}");
            return 1;
        }

        using var document = JsonDocument.Parse(body);
        Console.WriteLine($"redrive: {document.RootElement.GetProperty("redriven").GetInt32()} dead-lettered deliveries of '{subscription}' queued again");
        return 0;
    }
}
