namespace IntegrationHub.Tests.Infrastructure;

/// <summary>What identity linking left in the harness's database, read as the tests ask it.</summary>
/// <remarks>Named here once, so that a test says which record or batch it checks and not how the tables hold the answer.</remarks>
public sealed partial class IntakeHarness
{
    /// <summary>How many links <paramref name="recordId"/> has (one for each version linked), counting only those made by
    /// <paramref name="rule"/> where one is given.</summary>
    public Task<long> LinksAsync(string recordId, string? rule = null) =>
        CountAsync("SELECT count(*) FROM person_link WHERE record_id = @record AND (@rule IS NULL OR rule = @rule)",
            new NpgsqlParameter("record", recordId), new NpgsqlParameter<string?>("rule", rule));

    /// <summary>How many links of <paramref name="recordId"/> go to the person <paramref name="personRecordId"/> is linked to,
    /// counting only those made by <paramref name="rule"/> where one is given.</summary>
    public Task<long> LinksToPersonOfAsync(string personRecordId, string recordId, string? rule = null) =>
        CountAsync("""
            SELECT count(*) FROM person_link a JOIN person_link b USING (person_id)
            WHERE a.record_id = @person AND b.record_id = @record AND (@rule IS NULL OR b.rule = @rule)
            """, new NpgsqlParameter("person", personRecordId), new NpgsqlParameter("record", recordId),
            new NpgsqlParameter<string?>("rule", rule));

    /// <summary>How many persons the records are linked to between them (1: all are one person).</summary>
    public Task<long> PersonsOfAsync(params string[] recordIds) =>
        CountAsync("SELECT count(DISTINCT person_id) FROM person_link WHERE record_id = ANY(@records)",
            new NpgsqlParameter<string[]>("records", recordIds));

    /// <summary>The person the latest linked version of <paramref name="recordId"/> belongs to.</summary>
    public async Task<long> PersonOfAsync(string recordId)
    {
        await using var command = DataSource.CreateCommand(
            "SELECT person_id FROM person_link WHERE record_id = @record ORDER BY version DESC LIMIT 1");
        command.Parameters.AddWithValue("record", recordId);
        return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken) as long?
            ?? throw new InvalidOperationException($"Record {recordId} is not linked.");
    }

    /// <summary>The text at <paramref name="path"/> in the golden record of the person <paramref name="recordId"/> (its latest
    /// linked version) belongs to, such as <c>"name", "source", "department"</c>; null where the record has none there.</summary>
    public async Task<string?> GoldenOfAsync(string recordId, params string[] path)
    {
        await using var command = DataSource.CreateCommand("""
            SELECT p.golden #>> @path FROM person p JOIN person_link l USING (person_id)
            WHERE l.record_id = @record ORDER BY l.version DESC LIMIT 1
            """);
        command.Parameters.AddWithValue("record", recordId);
        command.Parameters.AddWithValue("path", path);
        return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken) as string;
    }

    /// <summary>Whether the batch is stored and its linking cursor has reached the last line stored.</summary>
    public async Task<bool> BatchLinkedAsync(string batchId) => await CountAsync(
        "SELECT count(*) FROM intake_batch WHERE batch_id = @batch AND linked_through = stored_through",
        new NpgsqlParameter("batch", batchId)) == 1;
}
