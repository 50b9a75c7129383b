using IntegrationHub.Flows.Policy.Catalogue;

namespace IntegrationHub.Handler.Api.Policy;

/// <summary>Loads the policy catalogue when the hub starts; a refused catalogue stops the start, naming every file,
/// pointer and reason.</summary>
public sealed class PolicyCatalogueStartup(PolicyCatalogueProvider catalogue, ILogger<PolicyCatalogueStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await catalogue.LoadAtStartAsync(cancellationToken);
            logger.LogInformation("Policy catalogue loaded from {Directory}: {Count} policy versions", catalogue.Directory,
                catalogue.Current.Documents.Count);
        }
        catch (PolicyCatalogueException refused)
        {
            foreach (var error in refused.Errors)
            {
                logger.LogCritical("Policy catalogue refused: {Error}", error.ToString());
            }

            throw;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
