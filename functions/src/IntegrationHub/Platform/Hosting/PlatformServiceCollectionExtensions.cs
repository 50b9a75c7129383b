using System.Data.Common;

namespace IntegrationHub.Platform.Hosting;

public static class PlatformServiceCollectionExtensions
{
    public static IServiceCollection AddHubPlatform(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.Configure<CalendarOptions>(configuration.GetSection(CalendarOptions.Section));
        services.TryAddSingleton<HubCalendar>();
        services.Configure<HubDatabaseOptions>(configuration.GetSection(HubDatabaseOptions.Section));
        services.TryAddSingleton(_ =>
        {
            var options = configuration.GetSection(HubDatabaseOptions.Section).Get<HubDatabaseOptions>() ?? new HubDatabaseOptions();
            var builder = new NpgsqlDataSourceBuilder(options.ConnectionString);

            // The hub's statements are short and many; JIT compiling one (PostgreSQL does above a plan cost, which stale
            // statistics after a bulk load easily reach) costs tens of milliseconds and saves nothing.
            var settings = builder.ConnectionStringBuilder;
            settings.Options = string.IsNullOrEmpty(settings.Options) ? "-c jit=off" : settings.Options + " -c jit=off";

            // The same few dozen statements run for every batch: prepared once per connection, PostgreSQL parses and plans
            // them once instead of each time.
            if (settings.MaxAutoPrepare == 0)
            {
                settings.MaxAutoPrepare = 200;
            }

            // Returning a connection to the pool would otherwise cost the next user seven reset statements (a single-record
            // batch opens about six connections). Nothing the hub does outlives its use of a connection: transactions
            // end, temporary tables are ON COMMIT DROP, and the two session-level states, a batch's advisory lock and the
            // dispatcher's LISTEN, are released explicitly before the connection goes back.
            settings.NoResetOnClose = true;

            // Npgsql's default of 100 lets a burst open that many backends on two cores. The pool hands its idle
            // connections out in turn, so under steady load they all stay in use (pruning needs five idle minutes), each
            // backend with its own caches and prepared statements: on a database grown by many runs, PostgreSQL spent
            // 7-11% more CPU per single-record batch at 200 a second with 100 connections than with 12.
            if (!NamesMaxPoolSize(options.ConnectionString))
            {
                settings.MaxPoolSize = options.MaxPoolSize;
            }

            return builder.Build();
        });
        services.TryAddSingleton<Migrator>();
        services.TryAddSingleton<HealthProbe>();
        services.TryAddSingleton<CredentialStore>();
        services.TryAddSingleton<AuditLog>();
        services.TryAddSingleton<AuditChainWatch>();
        return services;
    }

    private static bool NamesMaxPoolSize(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        foreach (string key in given.Keys)
        {
            var compact = key.Replace(" ", "", StringComparison.Ordinal);
            if (compact.Equals("MaximumPoolSize", StringComparison.OrdinalIgnoreCase) || compact.Equals("MaxPoolSize", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
