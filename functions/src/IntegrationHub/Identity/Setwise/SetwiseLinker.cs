using System.Text.Json.Nodes;
using Npgsql;

namespace IntegrationHub.Identity.Setwise;

/// <summary>
/// Links a segment of a large batch with set-based SQL (<see cref="LinkStage"/>): the segment is staged in one statement,
/// deferrals, new persons, links, review items and blocking keys are each one INSERT..SELECT, golden records one
/// UPDATE..FROM. Only what depends on the order of records runs here: the fold that checks each record's name and birth
/// date against its person as it stands after the records before it, and builds the golden record with its lineage, one
/// pass over the staged records grouped by person, in line order — the same decisions the chunk path makes record by
/// record. Everything happens in the caller's transaction, which also moves the batch's cursor: killed in the middle,
/// the segment rolls back whole (the staging tables with it) and the next linker does it again; nothing is linked twice.
/// </summary>
public sealed class SetwiseLinker(FeatureExtractor features, NumberAdoption adoption)
{
    private const int AdoptionSlice = 2_000;

    public async Task<LinkOutcome> LinkAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ClaimedBatch batch, int to,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        await LinkStage.CreateAsync(connection, transaction, batch, to, cancellationToken);
        var deferred = await LinkStage.DeferAsync(connection, transaction, batch, now, cancellationToken);
        var fresh = await LinkStage.FreshNumbersAsync(connection, transaction, batch, cancellationToken);
        for (var i = 0; i < fresh.Count; i += AdoptionSlice)
        {
            await adoption.AdoptAsync(connection, transaction, fresh.GetRange(i, Math.Min(AdoptionSlice, fresh.Count - i)), now,
                cancellationToken);
        }

        await LinkStage.ResolvePersonsAsync(connection, transaction, now, cancellationToken);
        var fold = await FoldAsync(connection, transaction, batch, cancellationToken);
        await LinkStage.ApplyAsync(connection, transaction, batch, fold, now, cancellationToken);

        // After the golden saves: the person a corrected record left is rebuilt from the records it still has.
        var left = await LinkStage.LeftPersonsAsync(connection, transaction, batch, cancellationToken);
        await GoldenRecords.RecomputeAsync(connection, transaction, left, now, cancellationToken);
        return new LinkOutcome(to - batch.LinkedThrough, fold.Linked, fold.Review, deferred);
    }

    private async Task<SetwiseFold> FoldAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ClaimedBatch batch,
        CancellationToken cancellationToken)
    {
        var fold = new SetwiseFold([], [], []);
        await using var command = new NpgsqlCommand("""
            SELECT s.person_id, s.line_no, s.record_id, s.version, s.payload::text, s.id_number_cipher,
                   CASE WHEN s.person_id IS DISTINCT FROM lag(s.person_id) OVER (ORDER BY s.person_id, s.line_no) THEN p.golden::text END
            FROM link_stage s JOIN person p USING (person_id)
            WHERE s.valid
            ORDER BY s.person_id, s.line_no
            """, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var person = 0L;
        var golden = new JsonObject();
        var touched = false;
        var keys = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!reader.IsDBNull(6))
            {
                Close(fold, person, golden, touched);
                person = reader.GetInt64(0);
                golden = JsonNode.Parse(reader.GetString(6))!.AsObject();
                touched = false;
                keys.Clear();
            }

            var record = new LinkCandidate(batch.Department, batch.Feed, reader.GetString(2), reader.GetInt32(3),
                JsonNode.Parse(reader.GetString(4))!.AsObject(), null, (byte[])reader[5], true);
            var line = reader.GetInt32(1);
            if (!DeterministicLinker.Agrees(golden, record))
            {
                fold.Outcomes.Add((line, person, true));
                continue;
            }

            fold.Outcomes.Add((line, person, false));
            foreach (var key in features.BlockKeys(features.Extract(record).Features))
            {
                if (keys.Add(Convert.ToHexString(key)))
                {
                    fold.Blocks.Add((key, person));
                }
            }

            touched |= Survivorship.Apply(golden, record);
        }

        Close(fold, person, golden, touched);
        return fold;
    }

    private static void Close(SetwiseFold fold, long person, JsonObject golden, bool touched)
    {
        if (person != 0 && touched)
        {
            fold.Goldens.Add((person, golden.ToJsonString()));
        }
    }
}
