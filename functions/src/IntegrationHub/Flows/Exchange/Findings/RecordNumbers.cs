using IntegrationHub.Labor.Evidence;

namespace IntegrationHub.Flows.Exchange.Findings;

/// <summary>Reads what the identity numbers of given record versions are, from intake's <c>stored_record</c> view.</summary>
internal static class RecordNumbers
{
    public static async Task<Dictionary<SourceRef, RecordNumber>> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyCollection<SourceRef> sources, CancellationToken cancellationToken)
    {
        var numbers = new Dictionary<SourceRef, RecordNumber>();
        if (sources.Count == 0)
        {
            return numbers;
        }

        await using var command = new NpgsqlCommand("""
            SELECT u.department, u.feed, u.record_id, u.version, s.id_number_index, coalesce(s.id_number_valid, false), s.former_id_index,
                   s.id_number_cipher
            FROM unnest(@departments, @feeds, @records, @versions) AS u(department, feed, record_id, version)
            CROSS JOIN LATERAL (
                SELECT * FROM stored_record s
                WHERE s.department = u.department AND s.feed = u.feed AND s.record_id = u.record_id AND s.version = u.version
                OFFSET 0) s
            """, connection, transaction);
        command.Parameters.AddWithValue("departments", sources.Select(s => s.Department).ToArray());
        command.Parameters.AddWithValue("feeds", sources.Select(s => s.Feed).ToArray());
        command.Parameters.AddWithValue("records", sources.Select(s => s.RecordId).ToArray());
        command.Parameters.AddWithValue("versions", sources.Select(s => s.Version).ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            numbers[new SourceRef(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3))] = new RecordNumber(
                reader.IsDBNull(4) ? null : (byte[])reader[4], reader.GetBoolean(5), reader.IsDBNull(6) ? null : (byte[])reader[6],
                reader.IsDBNull(7) ? null : (byte[])reader[7]);
        }

        return numbers;
    }
}
