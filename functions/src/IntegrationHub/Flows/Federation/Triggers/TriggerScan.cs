using IntegrationHub.Flows.Federation.Transfers;
using IntegrationHub.Flows.Federation.Trust;
using IntegrationHub.Identity;
using IntegrationHub.Identity.Published;

namespace IntegrationHub.Flows.Federation.Triggers;

/// <summary>
/// Requests the transfers the departments' records ask for: a <c>move-out</c> or <c>transferred-out</c> whose <c>toRegion</c>
/// lies in a registered peer's province. Each record is taken once (<c>transfer_trigger</c>); a record naming no peer's
/// region is noted <c>not-a-peer</c>, a record without <c>toRegion</c> is not a candidate at all.
/// </summary>
/// <remarks>A record not linked to a person yet (waiting for probabilistic matching or review) is not a candidate until it is
/// (identity's <c>linked_record</c>), so such records never fill the scan's window and hold back later ones.
/// The request goes through <see cref="TransferService"/>, as an operator's does: the same checks, the same relay.</remarks>
internal sealed class TriggerScan(NpgsqlDataSource dataSource, TrustSettings trust, PersonDirectory persons, TransferService transfers,
    TimeProvider time, ILogger<TransferTriggers> logger)
{
    private const int ScanSize = 500;

    /// <summary>Takes the records not taken yet; returns how many it noted.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        if (trust.Signer is null)
        {
            return 0;
        }

        var noted = 0;
        foreach (var record in await CandidatesAsync(cancellationToken))
        {
            if (await persons.FindByRecordAsync(record.Department, record.Feed, record.RecordId, record.Version, cancellationToken) is not { } person)
            {
                continue;
            }

            var (transferId, outcome) = await RequestAsync(record, person, cancellationToken);
            if (await NoteAsync(record, person, transferId, outcome, cancellationToken))
            {
                noted++;
                logger.LogInformation("Transfer trigger {Department}/{Feed} {Record} to {Region}: {Outcome}", record.Department, record.Feed,
                    record.RecordId, record.ToRegion, outcome);
            }
        }

        return noted;
    }

    private async Task<(Guid? TransferId, string Outcome)> RequestAsync(TriggerRecord record, long person, CancellationToken cancellationToken)
    {
        var own = trust.Signer!.Region;
        var peer = record.ToRegion.Length == 6 && record.ToRegion[..2] != own[..2]
            ? trust.Peers.FirstOrDefault(p => p.Region[..2] == record.ToRegion[..2])
            : null;
        if (peer is null)
        {
            return (null, "not-a-peer");
        }

        try
        {
            var view = await transfers.RequestAsync(record.TransferId(), PersonId.Format(person), peer.Region, record.Reason, record.Trigger,
                $"{record.Department}/{record.Feed}", cancellationToken);
            return (view.Id, "requested");
        }
        catch (TransferException refused)
        {
            return (null, "refused:" + refused.Code);
        }
    }

    private async Task<List<TriggerRecord>> CandidatesAsync(CancellationToken cancellationToken)
    {
        var kinds = TriggerRecord.Kinds;
        await using var command = dataSource.CreateCommand("""
            SELECT s.department, s.feed, s.record_id, s.version, s.payload::text
            FROM stored_record s
            JOIN unnest(@departments, @feeds, @fields, @values) AS k(department, feed, field, value)
              ON s.department = k.department AND s.feed = k.feed AND s.payload ->> k.field = k.value
            WHERE s.payload ? 'toRegion'
              AND EXISTS (SELECT 1 FROM linked_record l
                          WHERE l.department = s.department AND l.feed = s.feed AND l.record_id = s.record_id AND l.version = s.version)
              AND NOT EXISTS (SELECT 1 FROM transfer_trigger t
                              WHERE t.department = s.department AND t.feed = s.feed AND t.record_id = s.record_id)
            ORDER BY s.received_at, s.record_id, s.version LIMIT @limit
            """);
        command.Parameters.AddWithValue("departments", kinds.Select(k => k.Department).ToArray());
        command.Parameters.AddWithValue("feeds", kinds.Select(k => k.Feed).ToArray());
        command.Parameters.AddWithValue("fields", kinds.Select(k => k.Field).ToArray());
        command.Parameters.AddWithValue("values", kinds.Select(k => k.Value).ToArray());
        command.Parameters.AddWithValue("limit", ScanSize);
        var records = new List<TriggerRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(new TriggerRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3),
                JsonNode.Parse(reader.GetString(4))!.AsObject()));
        }

        // Two versions of a record in one scan: the first that qualifies triggers, the record once.
        return [.. records.DistinctBy(r => (r.Department, r.Feed, r.RecordId))];
    }

    /// <summary>Notes what came of the record; false when another scan noted it first (SQLSTATE 23505).</summary>
    private async Task<bool> NoteAsync(TriggerRecord record, long person, Guid? transferId, string outcome, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO transfer_trigger (department, feed, record_id, version, to_region, person_id, transfer_id, outcome, noted_at)
            VALUES (@department, @feed, @record, @version, @region, @person, @transfer, @outcome, @now)
            """);
        command.Parameters.AddWithValue("department", record.Department);
        command.Parameters.AddWithValue("feed", record.Feed);
        command.Parameters.AddWithValue("record", record.RecordId);
        command.Parameters.AddWithValue("version", record.Version);
        command.Parameters.AddWithValue("region", record.ToRegion);
        command.Parameters.AddWithValue("person", person);
        command.Parameters.AddWithValue("transfer", (object?)transferId ?? DBNull.Value);
        command.Parameters.AddWithValue("outcome", outcome);
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
            return true;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return false;
        }
    }
}
