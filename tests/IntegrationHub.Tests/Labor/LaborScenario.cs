using IntegrationHub.Identity;
using IntegrationHub.Identity.Linking;
using IntegrationHub.Labor;
using IntegrationHub.Labor.Evidence;
using IntegrationHub.Labor.Households;
using IntegrationHub.Labor.Worker;

namespace IntegrationHub.Tests.Labor;

/// <summary>
/// A hub on its own database whose labor worker runs on a clock the test moves: records go in through intake, are linked
/// by the deterministic linker and turned into facts by workers made on demand (so two can run at once).
/// </summary>
public sealed class LaborScenario : IAsyncDisposable
{
    private int batches;

    private LaborScenario(IntakeHarness hub) => Hub = hub;

    public IntakeHarness Hub { get; }

    /// <summary>Noon on 20 November 2026 in Chongqing.</summary>
    public ManualTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 20, 4, 0, 0, TimeSpan.Zero));

    public static async Task<LaborScenario> StartAsync(string name, IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null) => new(await IntakeHarness.StartAsync(name, settings, services));

    /// <summary>A worker on the scenario's clock, or with its budget and rests measured on <paramref name="workerTime"/>.</summary>
    public LaborWorker NewWorker(LaborOptions? settings = null, TimeProvider? workerTime = null)
    {
        var services = Hub.Server.Services;
        var options = settings is null ? services.GetRequiredService<IOptions<LaborOptions>>() : Options.Create(settings);
        var calendar = new HubCalendar(Clock, services.GetRequiredService<IOptions<CalendarOptions>>());
        return new LaborWorker(
            new PersonPass(Hub.DataSource, services.GetRequiredService<EvidenceLoader>(), calendar, options),
            new HouseholdPass(Hub.DataSource, calendar, options), workerTime ?? Clock, options);
    }

    /// <summary>Sends the records as one batch of the feed; every record must be accepted or unchanged.</summary>
    public Task SendAsync(string department, string feed, params JsonObject[] records) =>
        Hub.SendAcceptedAsync(department, feed, $"labor-{department}-{Interlocked.Increment(ref batches):D4}", records);

    /// <summary>The hub's service of that type.</summary>
    public T Service<T>()
        where T : notnull => Hub.Server.Services.GetRequiredService<T>();

    /// <summary>Links what intake stored, computing no facts.</summary>
    public Task LinkAsync() => Service<DeterministicLinker>().LinkAllAsync(Token);

    /// <summary>Links what intake stored and lets one worker run until nothing is left.</summary>
    public async Task SettleAsync()
    {
        await LinkAsync();
        await NewWorker().RunUntilIdleAsync(Token);
    }

    /// <summary>Marks every person for the labor workers to compute again, as a replay does.</summary>
    public Task MarkEveryPersonDirtyAsync() =>
        Hub.CountAsync("INSERT INTO labor_dirty (person_id, mark) SELECT person_id, pg_current_xact_id() FROM person");

    public Task<long> PersonOfAsync(string recordId) => Hub.PersonOfAsync(recordId);

    /// <summary>The labor events (not person.*) in outbox order, of one person or of all.</summary>
    public async Task<List<LaborEvent>> EventsAsync(long? person = null)
    {
        await using var command = Hub.DataSource.CreateCommand("""
            SELECT type, subject, sequence, data::text FROM event_outbox
            WHERE type NOT LIKE 'cn.gov.hrss.hub.person.%' AND (@s::text IS NULL OR subject = @s) ORDER BY position
            """);
        command.Parameters.AddWithValue("s", person is { } id ? PersonId.Format(id) : DBNull.Value);
        var events = new List<LaborEvent>();
        await using var reader = await command.ExecuteReaderAsync(Token);
        while (await reader.ReadAsync(Token))
        {
            events.Add(new LaborEvent(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), JsonNode.Parse(reader.GetString(3))!.AsObject()));
        }

        return events;
    }

    public async Task<List<LaborEvent>> EventsAsync(string type, long? person = null) =>
        [.. (await EventsAsync(person)).Where(e => e.Type == type)];

    public static string Short(string type) => type[EventTypes.Prefix.Length..];

    public async ValueTask DisposeAsync() => await Hub.DisposeAsync();
}
