namespace IntegrationHub.Handler.Cli;

/// <summary>
/// Writes the development credentials file: a bearer token for each department and one admin token. The hub stores
/// only their hashes. An existing file is kept and its tokens re-registered, so running it twice is harmless.
/// </summary>
public static class CredentialsCommand
{
    public static async Task<int> RunAsync(CredentialStore store, string path, CancellationToken cancellationToken)
    {
        Dictionary<string, string> tokens = File.Exists(path)
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(path, cancellationToken)) ?? []
            : [];
        foreach (var name in Departments.All.Append("admin"))
        {
            if (!tokens.TryGetValue(name, out var token) || string.IsNullOrEmpty(token))
            {
                tokens[name] = token = BearerToken.Create();
            }

            await store.IssueAsync(name, name == "admin" ? PrincipalKind.Admin : PrincipalKind.Department, token, cancellationToken);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(tokens, new JsonSerializerOptions { WriteIndented = true }),
            cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        await Console.Out.WriteLineAsync($"credentials: {path}");
        return 0;
    }
}
