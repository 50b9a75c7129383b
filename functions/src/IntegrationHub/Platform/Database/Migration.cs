namespace IntegrationHub.Platform.Database;

public sealed record Migration(int Version, string Name, string Sql);
