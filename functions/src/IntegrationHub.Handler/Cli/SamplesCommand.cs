using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace IntegrationHub.Handler.Cli;

/// <summary>
/// Sends every contract sample batch to a running hub over HTTP, with each department's own token, and prints what the
/// hub made of it. The samples' batchIds are fixed, so running it again changes nothing.
/// </summary>
public static class SamplesCommand
{
    public static async Task<int> RunAsync(Uri hub, string credentialsPath, string samplesDirectory, CancellationToken cancellationToken)
    {
        var tokens = JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(credentialsPath, cancellationToken))!;
        using var client = new HttpClient { BaseAddress = hub };
        var failures = 0;
        foreach (var file in Directory.EnumerateFiles(samplesDirectory, "*.json", SearchOption.AllDirectories)
                     .Where(f => !f.EndsWith(".expected.json", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var department = Path.GetFileName(Path.GetDirectoryName(file))!;
            var feed = Path.GetFileName(file).Split('.')[0];
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/feeds/{department}/{feed}", UriKind.Relative))
            {
                Content = new StringContent(await File.ReadAllTextAsync(file, cancellationToken), Encoding.UTF8, "application/json"),
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
