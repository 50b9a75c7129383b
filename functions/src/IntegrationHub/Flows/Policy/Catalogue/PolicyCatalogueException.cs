namespace IntegrationHub.Flows.Policy.Catalogue;

/// <summary>The policy catalogue could not be loaded; <see cref="Errors"/> names each file, pointer and reason.</summary>
public sealed class PolicyCatalogueException(IReadOnlyList<PolicyLoadError> errors)
    : Exception("The policy catalogue was refused:\n" + string.Join("\n", errors))
{
    public IReadOnlyList<PolicyLoadError> Errors { get; } = errors;
}
