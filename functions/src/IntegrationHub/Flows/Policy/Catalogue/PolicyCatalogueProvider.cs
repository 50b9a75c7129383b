using IntegrationHub.Intake.Rules;

namespace IntegrationHub.Flows.Policy.Catalogue;

/// <summary>
/// Holds the catalogue in use. At start a refused catalogue stops the hub (<see cref="LoadAtStartAsync"/> throws, naming
/// each file, pointer and reason); a reload that is refused keeps the last good catalogue and keeps its errors to show.
/// </summary>
public sealed class PolicyCatalogueProvider(IOptions<PolicyOptions> options, ReferenceData reference,
    ILogger<PolicyCatalogueProvider> logger)
{
    private volatile PolicyCatalogue? current;
    private volatile IReadOnlyList<PolicyLoadError> lastErrors = [];
    private string? stamp;

    /// <summary>The catalogue in use (empty until loaded).</summary>
    public PolicyCatalogue Current => current ?? PolicyCatalogue.Empty;

    /// <summary>Why the latest reload was refused; empty when it was not.</summary>
    public IReadOnlyList<PolicyLoadError> LastErrors => lastErrors;

    public string Directory => Locate(options.Value.CatalogueDirectory);

    /// <exception cref="PolicyCatalogueException">A file was refused.</exception>
    public async Task LoadAtStartAsync(CancellationToken cancellationToken)
    {
        var (catalogue, errors) = await PolicyLoader.LoadAsync(Directory, reference.Areas, cancellationToken);
        if (catalogue is null)
        {
            throw new PolicyCatalogueException(errors);
        }

        current = catalogue;
        lastErrors = [];
        stamp = Stamp();
    }

    /// <summary>Loads the folder again; returns the refusals (empty when the new catalogue is in use).</summary>
    public async Task<IReadOnlyList<PolicyLoadError>> ReloadAsync(CancellationToken cancellationToken)
    {
        var (catalogue, errors) = await PolicyLoader.LoadAsync(Directory, reference.Areas, cancellationToken);
        if (catalogue is null)
        {
            foreach (var error in errors)
            {
                logger.LogWarning("Policy catalogue refused, the last good one stays: {Error}", error.ToString());
            }

            lastErrors = errors;
            return errors;
        }

        current = catalogue;
        lastErrors = [];
        return [];
    }

    /// <summary>Reloads when a file of the folder was added, removed or written since the last load; returns the refusals.</summary>
    public async Task<IReadOnlyList<PolicyLoadError>> ReloadIfChangedAsync(CancellationToken cancellationToken)
    {
        var now = Stamp();
        if (now == stamp)
        {
            return lastErrors;
        }

        var errors = await ReloadAsync(cancellationToken);
        stamp = now;
        return errors;
    }

    private string Stamp() => string.Join("|", new DirectoryInfo(Directory).EnumerateFiles("*.json").OrderBy(f => f.Name,
        StringComparer.Ordinal)
        .Select(f => $"{f.Name}:{f.Length}:{f.LastWriteTimeUtc.Ticks}"));

    private static string Locate(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "contracts", "policies");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("No contracts/policies folder was found above the app; set Policy:CatalogueDirectory.");
    }
}
