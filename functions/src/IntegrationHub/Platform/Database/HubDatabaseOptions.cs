namespace IntegrationHub.Platform.Database;

public sealed class HubDatabaseOptions
{
    public const string Section = "Database";

    public string ConnectionString { get; set; } = "Host=127.0.0.1;Port=5432;Username=postgres;Database=hub";
}
