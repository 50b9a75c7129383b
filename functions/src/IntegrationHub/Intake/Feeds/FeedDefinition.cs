using IntegrationHub.Intake.Validation;

namespace IntegrationHub.Intake.Feeds;

/// <summary>A department's feed and the record schema of each version it is served in.</summary>
public sealed record FeedDefinition(string Department, string Feed, IReadOnlyDictionary<string, SchemaValidator> Versions)
{
    public string SupportedVersions => string.Join(", ", Versions.Keys.Order(StringComparer.Ordinal));
}
