using IntegrationHub.Identity.Linking.Setwise;
using IntegrationHub.Intake.Published;

namespace IntegrationHub.Identity.Linking;

/// <summary>The set-wise path: a segment of a large batch linked with set-based SQL (<see cref="LinkStage"/>).</summary>
/// <remarks>
/// The segment is staged in one statement; deferrals, new persons, links, review items and blocking keys are each one
/// INSERT..SELECT, golden records one UPDATE..FROM. Only what depends on the order of records runs here: the fold that checks
/// each record's name and birth date against its person as it stands after the records before it, and builds the golden
/// record with its lineage, one pass over the staged records grouped by person, in line order — the same decisions the chunk
/// path makes record by record. Everything happens in the caller's transaction, which also moves the batch's cursor: killed
/// in the middle, the segment rolls back whole (the staging tables with it) and the next linker does it again; nothing is
/// linked twice.
/// </remarks>
public sealed partial class DeterministicLinker
{
    private const int AdoptionSlice = 2_000;

    private async Task<LinkOutcome> LinkSetwiseAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ClaimedBatch batch, int to,
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
            SELECT n.person_id, s.line_no, s.record_id, s.version, s.payload::text, s.id_number_cipher,
                   CASE WHEN n.person_id IS DISTINCT FROM lag(n.person_id) OVER (ORDER BY n.person_id, s.line_no) THEN p.golden::text END,
                   s.id_number_index
            FROM link_stage s JOIN link_person n USING (id_number_index) JOIN person p ON p.person_id = n.person_id
            WHERE s.valid
            ORDER BY n.person_id, s.line_no
            """, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var person = 0L;
        var golden = new JsonObject();
        var touched = false;
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!reader.IsDBNull(6))
            {
                Close(fold, person, golden, touched);
                person = reader.GetInt64(0);
                golden = JsonNode.Parse(reader.GetString(6))!.AsObject();
                touched = false;
                keys.Clear();
                seen.Clear();
            }

            var record = new StoredRecord(batch.Department, batch.Feed, reader.GetString(2), reader.GetInt32(3),
                JsonNode.Parse(reader.GetString(4))!.AsObject(), (byte[])reader[7], (byte[])reader[5], true);
            var line = reader.GetInt32(1);
            if (!Agrees(golden, record))
            {
                fold.Outcomes.Add((line, person, true));
                continue;
            }

            fold.Outcomes.Add((line, person, false));
            // A person's records mostly repeat the same name, number and employer month after month: their keys are
            // worked out (decryption, readings, keyed hashes) once per person and distinct description.
            if (seen.Add(BlockingDescription(record)))
            {
                foreach (var key in features.BlockKeys(features.Extract(record).Features))
                {
                    if (keys.Add(Convert.ToHexString(key)))
                    {
                        fold.Blocks.Add((key, person));
                    }
                }
            }

            touched |= Survivorship.Apply(golden, record);
        }

        Close(fold, person, golden, touched);
        return fold;
    }

    /// <summary>Everything of a record that its blocking keys can depend on (see MatchFeatures.FromRecord).</summary>
    private static string BlockingDescription(StoredRecord record)
    {
        var payload = record.Payload;
        return string.Join('\u001f', Convert.ToHexString(record.IdNumberIndex!), Field(payload, "name"), Field(payload, "formerNames"),
            Field(payload, "birthDate"), Field(payload, "gender"), Field(payload, "hukouRegion"), Field(payload, "registrationRegion"),
            Field(payload, "insuredRegion"), Field(payload, "assistanceRegion"), Field(payload, "issuingRegion"), Field(payload, "phone"),
            Field(payload, "employerCreditCode"));
    }

    private static string Field(JsonObject payload, string name) => payload[name]?.ToJsonString() ?? "";

    private static void Close(SetwiseFold fold, long person, JsonObject golden, bool touched)
    {
        if (person != 0 && touched)
        {
            fold.Goldens.Add((person, golden.ToJsonString()));
        }
    }
}
