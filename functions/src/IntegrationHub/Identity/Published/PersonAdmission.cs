namespace IntegrationHub.Identity.Published;

/// <summary>Identity's write API for a person arriving from a peer hub: linked by identity number to the person who holds
/// it, or created, as any record with a valid number is.</summary>
/// <remarks>
/// The attributes the peer sent go into the golden record below every local source (rank 3), each with the transfer as
/// its source (<c>peer/{region}</c>, feed <c>transfer</c>), so a local record still wins and the lineage says where a
/// value came from. The person's events follow from the person trigger, as for every change of a person.
/// </remarks>
public sealed class PersonAdmission(IdentityProtector protector)
{
    private const int PeerRank = 3;

    /// <summary>The surviving person now holding the number, and whether the person is new.</summary>
    public async Task<(long Person, bool Created)> AdmitAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string idNumber,
        JsonObject attributes, string sourceRegion, string transferId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(idNumber);
        ArgumentNullException.ThrowIfNull(attributes);
        var number = idNumber.Trim().ToUpperInvariant();
        var index = protector.BlindIndex(number);
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO person (id_number_index, id_number_cipher, created_at, updated_at) VALUES (@idx, @cipher, @now, @now)
            ON CONFLICT (id_number_index) WHERE id_number_index IS NOT NULL DO NOTHING
            """, connection, transaction))
        {
            insert.Parameters.AddWithValue("idx", index);
            insert.Parameters.AddWithValue("cipher", protector.Encrypt(number, ProtectionPurposes.IdNumber));
            insert.Parameters.AddWithValue("now", now);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var find = new NpgsqlCommand("""
            WITH RECURSIVE chain AS (
                SELECT person_id, merged_into, 0 AS depth FROM person WHERE id_number_index = @idx
                UNION ALL
                SELECT p.person_id, p.merged_into, c.depth + 1 FROM person p JOIN chain c ON p.person_id = c.merged_into WHERE c.depth < 64
            )
            SELECT p.person_id, p.created_at = @now, p.golden::text FROM person p
            WHERE p.person_id = (SELECT person_id FROM chain WHERE merged_into IS NULL LIMIT 1)
            FOR UPDATE
            """, connection, transaction);
        find.Parameters.AddWithValue("idx", index);
        find.Parameters.AddWithValue("now", now);
        long person;
        bool created;
        JsonObject golden;
        await using (var reader = await find.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            person = reader.GetInt64(0);
            created = reader.GetBoolean(1);
            golden = JsonNode.Parse(reader.GetString(2))!.AsObject();
        }

        if (Fold(golden, attributes, sourceRegion, transferId))
        {
            await GoldenRecords.SaveAsync(connection, transaction, person, golden, now, cancellationToken);
        }

        return (person, created);
    }

    /// <summary>Adds the attributes the person has no value for yet; returns whether anything changed.</summary>
    private static bool Fold(JsonObject golden, JsonObject attributes, string sourceRegion, string transferId)
    {
        var changed = false;
        foreach (var (attribute, value) in attributes)
        {
            if (value is null || golden.ContainsKey(attribute))
            {
                continue;
            }

            golden[attribute] = new JsonObject
            {
                ["value"] = value.DeepClone(),
                ["rank"] = PeerRank,
                ["source"] = new JsonObject
                {
                    ["department"] = "peer/" + sourceRegion, ["feed"] = "transfer", ["recordId"] = transferId, ["version"] = 1,
                },
            };
            changed = true;
        }

        return changed;
    }
}
