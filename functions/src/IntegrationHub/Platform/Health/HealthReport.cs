namespace IntegrationHub.Platform.Health;

public sealed record HealthReport(
    bool Healthy,
    string Status,
    bool DatabaseReachable,
    int SchemaVersion,
    int ExpectedSchemaVersion,
    string Version,
    string? Reason);
