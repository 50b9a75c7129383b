namespace IntegrationHub.Handler.Cli;

/// <summary>
/// <c>operator add NAME --role admin|reviewer|viewer --password-file FILE</c>: adds a console operator with a generated
/// password, written to FILE (mode 600), never to the terminal or a log. <c>operator dev --password-file FILE</c>: the
/// development operator of <c>./hub up</c>, made once and kept in step with its file.
/// </summary>
public static class OperatorCommand
{
    public const string DevelopmentOperator = "developer";
    private const string Actor = "hub-cli";

    public static async Task<int> RunAsync(OperatorStore store, string[] args, CancellationToken cancellationToken)
    {
        try
        {
            return args switch
            {
                ["add", var name, "--role", var role, "--password-file", var file] => await AddAsync(store, name, role, file, cancellationToken),
                ["dev", "--password-file", var file] => await DevelopmentAsync(store, file, cancellationToken),
                _ => Usage(),
            };
        }
        catch (OperatorException e)
        {
            await Console.Error.WriteLineAsync($"operator: {e.Message}");
            return 1;
        }
    }

    private static async Task<int> AddAsync(OperatorStore store, string name, string roleText, string file, CancellationToken cancellationToken)
    {
        if (!OperatorRoles.TryParse(roleText, out var role))
        {
            await Console.Error.WriteLineAsync("operator: --role is admin, reviewer or viewer.");
            return 2;
        }

        var password = PasswordHasher.Generate();
        await store.AddAsync(name, role, password, Actor, cancellationToken);
        await WritePrivateAsync(file, password, cancellationToken);
        await Console.Out.WriteLineAsync($"operator: added {name} ({roleText}); its password is in {file}");
        return 0;
    }

    /// <summary>Makes the development admin if it is missing; if its password file was lost, gives it a new one.</summary>
    private static async Task<int> DevelopmentAsync(OperatorStore store, string file, CancellationToken cancellationToken)
    {
        var password = File.Exists(file) ? (await File.ReadAllTextAsync(file, cancellationToken)).Trim() : "";
        if (password.Length < 12)
        {
            password = PasswordHasher.Generate();
            await WritePrivateAsync(file, password, cancellationToken);
            if (!await store.ResetPasswordAsync(DevelopmentOperator, password, Actor, cancellationToken))
            {
                await store.AddAsync(DevelopmentOperator, OperatorRole.Admin, password, Actor, cancellationToken);
            }
        }
        else
        {
            try
            {
                await store.AddAsync(DevelopmentOperator, OperatorRole.Admin, password, Actor, cancellationToken);
            }
            catch (OperatorException e) when (e.Code == "operator-exists")
            {
                // Made by an earlier ./hub up, with this file's password.
            }
        }

        await Console.Out.WriteLineAsync($"operator: {DevelopmentOperator} (admin); its password is in {file}");
        return 0;
    }

    private static async Task WritePrivateAsync(string file, string content, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        await File.WriteAllTextAsync(file, "", cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        await File.WriteAllTextAsync(file, content + "\n", cancellationToken);
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: operator add NAME --role admin|reviewer|viewer --password-file FILE | operator dev --password-file FILE");
        return 2;
    }
}
