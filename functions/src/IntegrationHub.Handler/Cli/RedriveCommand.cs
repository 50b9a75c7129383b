namespace IntegrationHub.Handler.Cli;

/// <summary><c>./hub redrive SUBSCRIPTION</c>: asks the running hub (admin token) to re-send the subscription's dead letters.</summary>
public static class RedriveCommand
{
    public static async Task<int> RunAsync(Uri hub, string credentialsPath, string subscription, CancellationToken cancellationToken)
    {
        using var document = await AdminCall.SendAsync(hub, credentialsPath, HttpMethod.Post,
            $"/api/admin/subscriptions/{Uri.EscapeDataString(subscription)}/redrive", "redrive", cancellationToken);
        if (document is null)
        {
            return 1;
        }

        Console.WriteLine($"redrive: {document.RootElement.GetProperty("redriven").GetInt32()} dead-lettered deliveries of '{subscription}' queued again");
        return 0;
    }
}
