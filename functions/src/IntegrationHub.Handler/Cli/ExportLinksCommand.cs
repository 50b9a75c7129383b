namespace IntegrationHub.Handler.Cli;

/// <summary>Fetches <c>GET /api/admin/links</c> from a running hub with the admin token and writes the NDJSON to a file or stdout.</summary>
public static class ExportLinksCommand
{
    public static async Task<int> RunAsync(Uri hub, string credentialsPath, string? output, CancellationToken cancellationToken)
    {
        using var client = await AdminCall.ClientAsync(hub, credentialsPath, Timeout.InfiniteTimeSpan, cancellationToken);
        using var response = await client.GetAsync(new Uri("/api/admin/links", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead,
            cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            await Console.Error.WriteLineAsync($"export failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
            return 1;
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        if (output is null)
        {
            await using var stdout = Console.OpenStandardOutput();
            await body.CopyToAsync(stdout, cancellationToken);
        }
        else
        {
            await using var file = File.Create(output);
            await body.CopyToAsync(file, cancellationToken);
            await Console.Error.WriteLineAsync($"links written to {output}");
        }

        return 0;
    }
}
