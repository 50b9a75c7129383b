using IntegrationHub.Intake.Validation;

namespace IntegrationHub.Intake.Feeds;

/// <summary>
/// The feeds the hub serves, read from the contract schemas: <c>feeds/{department}/{feed}.v{N}.schema.json</c> for
/// records and <c>feeds/envelope.v1.schema.json</c> / <c>feeds/envelope-ndjson.v1.schema.json</c> for the envelope.
/// A new schema version is a new file, served beside the old one.
/// </summary>
public sealed partial class FeedCatalog
{
    private readonly Dictionary<(string Department, string Feed), FeedDefinition> feeds;

    private FeedCatalog(string directory, SchemaValidator envelope, SchemaValidator envelopeLine,
        Dictionary<(string, string), FeedDefinition> feeds)
    {
        Directory = directory;
        Envelope = envelope;
        EnvelopeLine = envelopeLine;
        this.feeds = feeds;
    }

    public string Directory { get; }

    /// <summary>The JSON envelope, with <c>records</c>.</summary>
    public SchemaValidator Envelope { get; }

    /// <summary>The first line of an NDJSON batch: the envelope without records.</summary>
    public SchemaValidator EnvelopeLine { get; }

    public IEnumerable<FeedDefinition> Feeds => feeds.Values;

    public bool IsDepartment(string department) => feeds.Keys.Any(k => k.Department == department);

    public bool TryGet(string department, string feed, out FeedDefinition definition) =>
        feeds.TryGetValue((department, feed), out definition!);

    public static async Task<FeedCatalog> LoadAsync(string contractsDirectory, CancellationToken cancellationToken)
    {
        var root = Path.Combine(contractsDirectory, "feeds");
        if (!System.IO.Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"No feed schemas at {root}; set Contracts:Directory.");
        }

        var envelope = await SchemaValidator.LoadAsync(Path.Combine(root, "envelope.v1.schema.json"), cancellationToken);
        var envelopeLine = await SchemaValidator.LoadAsync(Path.Combine(root, "envelope-ndjson.v1.schema.json"), cancellationToken);
        var versions = new Dictionary<(string, string), Dictionary<string, SchemaValidator>>();
        foreach (var departmentDirectory in System.IO.Directory.EnumerateDirectories(root))
        {
            var department = Path.GetFileName(departmentDirectory);
            foreach (var file in System.IO.Directory.EnumerateFiles(departmentDirectory, "*.schema.json"))
            {
                var match = SchemaFileName().Match(Path.GetFileName(file));
                if (!match.Success)
                {
                    continue;
                }

                var key = (department, match.Groups["feed"].Value);
                if (!versions.TryGetValue(key, out var byVersion))
                {
                    versions[key] = byVersion = new Dictionary<string, SchemaValidator>(StringComparer.Ordinal);
                }

                byVersion[match.Groups["version"].Value] = await SchemaValidator.LoadAsync(file, cancellationToken);
            }
        }

        var feeds = versions.ToDictionary(v => v.Key, v => new FeedDefinition(v.Key.Item1, v.Key.Item2, v.Value));
        return new FeedCatalog(contractsDirectory, envelope, envelopeLine, feeds);
    }

    /// <summary>The configured contracts folder, else the copy beside the app, else the nearest <c>contracts/</c> above it.</summary>
    public static string LocateDirectory(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "contracts");
            if (System.IO.Directory.Exists(Path.Combine(candidate, "feeds")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("No contracts/feeds folder was found above the app; set Contracts:Directory.");
    }

    [GeneratedRegex(@"^(?<feed>[a-z0-9-]+)\.v(?<version>[0-9]+)\.schema\.json\z", RegexOptions.CultureInvariant)]
    private static partial Regex SchemaFileName();
}
