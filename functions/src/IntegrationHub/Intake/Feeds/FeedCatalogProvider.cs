namespace IntegrationHub.Intake.Feeds;

/// <summary>Loads the contract schemas once, on first use, and shares them.</summary>
public sealed class FeedCatalogProvider(IOptions<IntakeOptions> options)
{
    private readonly Lazy<Task<FeedCatalog>> catalog = new(() =>
        FeedCatalog.LoadAsync(FeedCatalog.LocateDirectory(options.Value.ContractsDirectory), CancellationToken.None));

    public Task<FeedCatalog> GetAsync(CancellationToken cancellationToken) => catalog.Value.WaitAsync(cancellationToken);
}
