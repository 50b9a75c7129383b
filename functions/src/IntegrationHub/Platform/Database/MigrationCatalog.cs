namespace IntegrationHub.Platform.Database;

/// <summary>The ordered SQL scripts embedded in this assembly as <c>migrations/NNNN_name.sql</c>.</summary>
public static class MigrationCatalog
{
    private const string Prefix = "migrations/";

    private static readonly Lazy<IReadOnlyList<Migration>> All = new(Load);

    public static IReadOnlyList<Migration> Migrations => All.Value;

    public static int LatestVersion => Migrations.Count == 0 ? 0 : Migrations[^1].Version;

    private static IReadOnlyList<Migration> Load()
    {
        var assembly = typeof(MigrationCatalog).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var fileName = resource[Prefix.Length..^".sql".Length];
            var underscore = fileName.IndexOf('_', StringComparison.Ordinal);
            var version = int.Parse(fileName[..underscore], NumberStyles.None, CultureInfo.InvariantCulture);
            migrations.Add(new Migration(version, fileName[(underscore + 1)..], Read(assembly, resource)));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 1; i < migrations.Count; i++)
        {
            if (migrations[i].Version == migrations[i - 1].Version)
            {
                throw new InvalidOperationException($"Two migrations share version {migrations[i].Version}.");
            }
        }

        return migrations;
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
