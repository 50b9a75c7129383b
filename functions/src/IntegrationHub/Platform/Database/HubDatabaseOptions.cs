namespace IntegrationHub.Platform.Database;

internal sealed class HubDatabaseOptions
{
    public const string Section = "Database";

    public string ConnectionString { get; set; } = "Host=127.0.0.1;Port=5432;Username=postgres;Database=hub";

    /// <summary>
    /// The most connections the hub keeps open, unless the connection string names its own maximum. A few more than the
    /// server has cores keeps it busy; more only make the work wait inside PostgreSQL instead of inside the hub.
    /// </summary>
    public int MaxPoolSize { get; set; } = 12;
}
