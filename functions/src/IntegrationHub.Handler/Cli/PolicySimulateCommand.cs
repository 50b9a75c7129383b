namespace IntegrationHub.Handler.Cli;

/// <summary><c>./hub policy simulate FILE</c>: posts the policy file to the running hub's simulation (admin token) and
/// prints what it would decide: eligible subjects by district and sample explanations. Nothing is stored.</summary>
public static class PolicySimulateCommand
{
    public static async Task<int> RunAsync(Uri hub, string credentialsPath, string file, CancellationToken cancellationToken)
    {
        if (!File.Exists(file))
        {
            await Console.Error.WriteLineAsync($"policy simulate: no file {file}");
            return 2;
        }

        using var client = await AdminCall.ClientAsync(hub, credentialsPath, TimeSpan.FromMinutes(30), cancellationToken);
        using var content = new StringContent(await File.ReadAllTextAsync(file, cancellationToken), Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri("/api/policies/simulate", UriKind.Relative), content, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var pretty = JsonNode.Parse(body)?.ToJsonString(new JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }) ?? body;
        if (!response.IsSuccessStatusCode)
        {
            await Console.Error.WriteLineAsync($"policy simulate refused: {(int)response.StatusCode}\n{pretty}");
            return 1;
        }

        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        Console.WriteLine($"policy {root.GetProperty("policyId").GetString()} v{root.GetProperty("version").GetInt32()}: " +
            $"{root.GetProperty("eligible").GetInt32()} of {root.GetProperty("subjects").GetInt32()} subjects eligible " +
            $"on {root.GetProperty("decidedOn").GetString()} (nothing stored)");
        Console.WriteLine(pretty);
        return 0;
    }
}
