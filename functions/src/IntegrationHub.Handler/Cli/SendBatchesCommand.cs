namespace IntegrationHub.Handler.Cli;

/// <summary>
/// Sends every batch file under a folder (<c>{department}/{feed}.*.json</c> or <c>.ndjson</c>) to a running hub over HTTP,
/// with each department's own token, as a department would, and prints what the hub made of it. Used for the contract
/// samples (their batchIds are fixed, so sending them again changes nothing) and for generated benchmark data.
/// </summary>
public static class SendBatchesCommand
{
    public static async Task<int> RunAsync(Uri hub, string credentialsPath, string samplesDirectory, CancellationToken cancellationToken)
    {
        var tokens = JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(credentialsPath, cancellationToken))!;
        using var client = new HttpClient { BaseAddress = hub, Timeout = Timeout.InfiniteTimeSpan };
        var failures = 0;
        foreach (var file in Directory.EnumerateFiles(samplesDirectory, "*", SearchOption.AllDirectories)
                     .Where(f => f.EndsWith(".ndjson", StringComparison.Ordinal)
                                 || (f.EndsWith(".json", StringComparison.Ordinal) && !f.EndsWith(".expected.json", StringComparison.Ordinal)))
                     .Order(StringComparer.Ordinal))
        {
            var department = Path.GetFileName(Path.GetDirectoryName(file))!;
            var feed = Path.GetFileName(file).Split('.')[0];
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/feeds/{department}/{feed}", UriKind.Relative))
            {
                Content = new StreamContent(File.OpenRead(file))
                {
                    Headers = { ContentType = new MediaTypeHeaderValue(file.EndsWith(".ndjson", StringComparison.Ordinal)
                        ? "application/x-ndjson" : "application/json") },
                },
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[department]);
            using var response = await client.SendAsync(request, cancellationToken);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var summary = response.IsSuccessStatusCode
                ? $"accepted {body.RootElement.GetProperty("accepted")}, unchanged {body.RootElement.GetProperty("unchanged")}, " +
                  $"rejected {body.RootElement.GetProperty("rejected")}, warnings {body.RootElement.GetProperty("warnings")}"
                : body.RootElement.GetProperty("message").GetString();
            failures += response.IsSuccessStatusCode ? 0 : 1;
            await Console.Out.WriteLineAsync($"  {department}/{Path.GetFileName(file)}: {(int)response.StatusCode} {summary}");
        }

        return failures == 0 ? 0 : 1;
    }
}
