namespace IntegrationHub.Identity;

/// <summary>
/// The current link of every linked source record as NDJSON, <c>{"department","feed","recordId","personId"}</c>: the latest
/// linked version of each record, its person followed through merges. For auditors and the accuracy benchmark.
/// </summary>
public sealed class LinkExport(NpgsqlDataSource dataSource)
{
    public async Task<long> WriteAsync(Stream output, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            WITH RECURSIVE current_link AS (
                SELECT DISTINCT ON (department, feed, record_id) department, feed, record_id, person_id
                FROM person_link ORDER BY department, feed, record_id, version DESC
            ), survivor AS (
                SELECT person_id AS original, person_id, merged_into FROM person
                UNION ALL
                SELECT s.original, p.person_id, p.merged_into FROM survivor s JOIN person p ON p.person_id = s.merged_into
            )
            SELECT l.department, l.feed, l.record_id, s.person_id
            FROM current_link l JOIN survivor s ON s.original = l.person_id AND s.merged_into IS NULL
            ORDER BY l.department, l.feed, l.record_id
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var buffer = new ArrayBufferWriter<byte>(1 << 16);
        await using var writer = new Utf8JsonWriter(buffer);
        long count = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            writer.WriteStartObject();
            writer.WriteString("department", reader.GetString(0));
            writer.WriteString("feed", reader.GetString(1));
            writer.WriteString("recordId", reader.GetString(2));
            writer.WriteString("personId", PersonId.Format(reader.GetInt64(3)));
            writer.WriteEndObject();
            await writer.FlushAsync(cancellationToken);
            buffer.Write("\n"u8);
            writer.Reset(buffer);
            count++;
            if (buffer.WrittenCount > 60_000)
            {
                await output.WriteAsync(buffer.WrittenMemory, cancellationToken);
                buffer.ResetWrittenCount();
            }
        }

        await output.WriteAsync(buffer.WrittenMemory, cancellationToken);
        return count;
    }
}
