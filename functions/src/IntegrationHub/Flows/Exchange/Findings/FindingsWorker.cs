using IntegrationHub.Flows.Exchange.Rules;
using IntegrationHub.Labor.Evidence;
using IntegrationHub.Labor.Graduates;

namespace IntegrationHub.Flows.Exchange.Findings;

/// <summary>
/// Keeps the findings current: compares the persons marked in <c>exchange_dirty</c> (by the triggers of migration 0030, in
/// the transaction of each link, merge or unmerge), a chunk per transaction, and writes what changed with its events.
/// Workers keep off each other's persons with a transaction-scoped advisory lock per person, skipping what another holds;
/// a mark is removed only if nobody marked the person again meanwhile, and never by waiting on a marker.
/// </summary>
public sealed class FindingsWorker(
    NpgsqlDataSource dataSource,
    EvidenceLoader loader,
    RuleCatalog catalog,
    HubCalendar calendar,
    IOptions<ExchangeFlowOptions> options)
{
    /// <summary>The advisory lock space of the findings workers ("EXCH").</summary>
    private const int LockSpace = 0x45584348;

    /// <summary>Works until nothing is marked or <paramref name="budget"/> has passed; returns how many persons it compared.</summary>
    public Task<int> RunAsync(TimeSpan budget, CancellationToken cancellationToken)
    {
        var started = calendar.Now;
        return ChunkedWork.RunAsync(() => RunChunkAsync(cancellationToken), () => calendar.Now - started < budget);
    }

    public Task<int> RunUntilIdleAsync(CancellationToken cancellationToken) => RunAsync(TimeSpan.FromHours(1), cancellationToken);

    /// <summary>Compares one chunk of marked persons; returns how many.</summary>
    public async Task<int> RunChunkAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var claimed = await MarkedClaims.ClaimAsync(connection, transaction,
            "SELECT person_id, mark::text AS mark FROM exchange_dirty ORDER BY person_id LIMIT @n",
            $"SELECT person_id, mark FROM candidate WHERE pg_try_advisory_xact_lock({LockSpace}, (person_id & 2147483647)::int)",
            calendar.Now, options.Value.ChunkSize, reader => reader.GetInt64(0), cancellationToken);

        if (claimed.Count == 0)
        {
            return 0;
        }

        var persons = claimed.Keys.ToArray();
        var evidence = await loader.LoadAsync(connection, transaction, persons, cancellationToken);
        var numbers = await RecordNumbers.LoadAsync(connection, transaction,
            [.. evidence.Values.SelectMany(e => e.Records).Select(r => r.Source)], cancellationToken);
        var verifications = await PersonVerifications.LoadAsync(connection, transaction, persons, cancellationToken);
        var today = calendar.Today;
        var drafts = evidence.Values.SelectMany(e => Comparisons.Run(catalog,
            new ComparedPerson(e, numbers, verifications.GetValueOrDefault(e.PersonId) ?? [], today))).ToList();
        await FindingStore.SaveAsync(connection, transaction, persons, drafts, calendar.Now, cancellationToken);
        await using (var unmark = new NpgsqlCommand("""
            DELETE FROM exchange_dirty WHERE person_id IN (
                SELECT d.person_id FROM exchange_dirty d JOIN unnest(@ids, @marks) AS u(person_id, mark)
                    ON d.person_id = u.person_id AND d.mark::text = u.mark
                FOR UPDATE OF d SKIP LOCKED)
            """, connection, transaction))
        {
            unmark.Parameters.AddWithValue("ids", persons);
            unmark.Parameters.AddWithValue("marks", claimed.Values.ToArray());
            await unmark.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return claimed.Count;
    }
}
